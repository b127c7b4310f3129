"""Flask API of the support agent: the chat widget, order look-ups and a few admin helpers."""
import base64
import os
import pickle
import re
import shlex
import subprocess
from datetime import datetime, timedelta, timezone

import jwt
import requests
import yaml
from flask import Flask, abort, jsonify, redirect, render_template_string, request, send_from_directory, session
from flask_cors import CORS

import agent
import db
import settings

app = Flask(__name__)
app.secret_key = "support-agent-dev-secret-change-me"  # MISTAKE: hardcoded Flask secret key
CORS(app, supports_credentials=True, origins="*")  # MISTAKE: credentialed CORS from any origin

HOSTNAME_RE = re.compile(r"^[a-z0-9.-]{1,253}$")


def issue_token(customer_id: int) -> str:
    exp = datetime.now(timezone.utc) + timedelta(hours=8)
    return jwt.encode({"sub": str(customer_id), "exp": exp}, settings.JWT_SECRET, algorithm="HS256")


def current_customer() -> dict:
    token = request.cookies.get("session") or request.headers.get("Authorization", "").removeprefix("Bearer ")
    try:
        claims = jwt.decode(token, settings.JWT_SECRET, algorithms=settings.JWT_ALGORITHMS)
    except jwt.InvalidTokenError:
        abort(401)
    return {"id": int(claims["sub"])}


def widget_claims(token: str) -> dict:
    """Claims of the token the embed widget sends; we only need the display name from it."""
    return jwt.decode(token, options={"verify_signature": False})  # MISTAKE: JWT signature not verified


@app.post("/login")
def login():
    body = request.get_json(force=True)
    customer = db.find_customer(body.get("email", ""))
    if customer is None or not db.check_password(customer, body.get("password", "")):
        return jsonify({"error": "invalid credentials"}), 401
    resp = jsonify({"ok": True})
    resp.set_cookie("session", issue_token(customer["id"]))  # MISTAKE: session cookie without secure/httponly
    resp.set_cookie("theme", body.get("theme", "light"), samesite="Lax")
    return resp


@app.get("/logout")
def logout():
    resp = redirect(request.args["next"])  # MISTAKE: open redirect
    resp.delete_cookie("session")
    return resp


@app.post("/password/reset")
def password_reset():
    customer = db.find_customer(request.form["email"])
    if customer is not None:
        token = db.create_reset_token(customer["id"])
        app.logger.info("reset link for %s: /password/reset/%s", customer["email"], token[:4] + "…")
    return jsonify({"ok": True})


@app.post("/chat")
def chat():
    body = request.get_json(force=True)
    claims = widget_claims(body.get("widget_token", ""))
    customer = {"id": current_customer()["id"], "name": claims.get("name", "there")}
    reply = agent.personalised_answer(customer, body["message"], body.get("tone", "friendly"))
    return jsonify({"reply": reply, "intent": agent.classify(body["message"])["intent"]})


@app.post("/agent")
def agent_task():
    current_customer()
    return jsonify({"answer": agent.run_agent(request.get_json(force=True)["question"])})


@app.get("/orders")
def list_orders():
    customer = current_customer()
    conn = db.get_conn()
    cursor = conn.cursor()
    cursor.execute(f"SELECT id, status, total_cents FROM orders WHERE customer_id = {customer['id']} AND status = '{request.args['status']}'")  # MISTAKE: SQL injection via f-string
    return jsonify([dict(r) for r in cursor.fetchall()])


@app.get("/orders/<int:order_id>")
def get_order(order_id: int):
    row = db.get_order(current_customer()["id"], order_id)
    return jsonify(dict(row)) if row else ("not found", 404)


@app.get("/preview")
def preview():
    title = request.args.get("title", "Support")
    return render_template_string("<h1>{{ title }}</h1><p>Our team replies within a day.</p>", title=title)


@app.get("/preview/reply")
def preview_reply():
    return render_template_string(f"<div class='reply'>{request.args['text']}</div>")  # MISTAKE: template injection (SSTI)


@app.get("/attachments")
def attachment():
    path = os.path.join(settings.UPLOAD_DIR, request.args["file"])
    with open(path, "rb") as fh:  # MISTAKE: path traversal via joined request data
        return fh.read(), 200, {"Content-Type": "application/octet-stream"}


@app.get("/attachments/<path:name>")
def attachment_safe(name: str):
    return send_from_directory(settings.UPLOAD_DIR, name, as_attachment=True)


@app.post("/link-preview")
def link_preview():
    url = request.get_json(force=True)["url"]
    page = requests.get(url, timeout=10)  # MISTAKE: SSRF, fetches any URL the client sends
    title = re.search(r"<title>(.*?)</title>", page.text, re.S | re.I)
    return jsonify({"title": title.group(1).strip() if title else url})


@app.post("/widget/state")
def restore_state():
    state = pickle.loads(base64.b64decode(request.form["state"]))  # MISTAKE: pickle of request data
    return jsonify({"restored": sorted(state)})


@app.post("/admin/faq/import")
def import_faq():
    faq = yaml.load(request.get_data(as_text=True))  # MISTAKE: yaml.load without SafeLoader
    return jsonify({"imported": len(faq or [])})


@app.get("/admin/ping")
def ping():
    cmd = f"ping -c 3 {request.args['host']}"
    result = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=15)  # MISTAKE: shell command built from request data
    return jsonify({"output": result.stdout})


@app.get("/admin/dns")
def dns():
    host = request.args.get("host", "")
    if not HOSTNAME_RE.match(host):
        abort(400)
    result = subprocess.run(f"dig +short {shlex.quote(host)}", shell=True, capture_output=True, text=True, timeout=10)
    return jsonify({"answers": result.stdout.split()})


@app.post("/prefs")
def prefs():
    session["locale"] = request.form.get("locale", "en")  # MISTAKE: request data kept as if the server had decided it
    return jsonify({"ok": True})


if __name__ == "__main__":
    db.init_db()
    app.run(debug=True, host="0.0.0.0")  # MISTAKE: Flask debugger exposed on all interfaces
