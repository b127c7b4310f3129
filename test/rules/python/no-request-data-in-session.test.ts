import rule from '../../../src/rules/python/no-request-data-in-session';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'a constant', code: `from flask import session\n\ndef theme():\n    session["theme"] = "dark"`, filename: 'app.py' },
    { name: 'a value converted to int', code: `from flask import request, session\n\ndef page():\n    session["page"] = int(request.args["page"])`, filename: 'app.py' },
    {
      name: 'a value checked against an allow-list',
      code: `from flask import abort, request, session\n\nPLANS = ("free", "pro")\n\ndef plan():\n    choice = request.form["plan"]\n    if choice not in PLANS:\n        abort(400)\n    session["plan"] = choice`,
      filename: 'app.py',
    },
    {
      name: 'a value the server looked up (the user row, not the form)',
      code: `from flask import request, session\nfrom .models import User\n\ndef login():\n    user = User.authenticate(request.form["email"], request.form["password"])\n    session["user_id"] = user.id`,
      filename: 'app.py',
    },
    { name: 'a dict named session that is not the session', code: `from flask import request\n\ndef f():\n    session = {}\n    session["q"] = request.args["q"]\n    return session`, filename: 'app.py' },
    { name: 'reading from the session', code: `from flask import request, session\n\ndef f():\n    return session.get("user") == request.args["user"]`, filename: 'app.py' },
    { name: 'a SQLAlchemy session is not the web session', code: `from flask import request\nfrom .db import db\n\ndef add():\n    db.session.add(request.form["x"])`, filename: 'app.py' },
    {
      name: 'the id of the user a query found',
      code: `from flask import request, session\nfrom .models import User\n\ndef login():\n    user = User.query.filter_by(email=request.form["email"]).first()\n    if user and user.check_password(request.form["password"]):\n        session["user_id"] = user.id`,
      filename: 'app.py',
    },
    {
      name: 'a value a validator accepted (Django set_language)',
      code: `from django.http import HttpResponse\nfrom django.utils.translation import check_for_language\n\ndef set_language(request):\n    lang_code = request.POST.get("language")\n    if lang_code and check_for_language(lang_code):\n        request.session["lang"] = lang_code\n    return HttpResponse("ok")`,
      filename: 'views.py',
    },
    {
      name: 'a column of the row a query returned',
      code: `from flask import request, session\nfrom .db import get_db\n\ndef login():\n    user = get_db().execute("SELECT * FROM user WHERE username = ?", (request.form["username"],)).fetchone()\n    session["user_id"] = user["id"]`,
      filename: 'app.py',
    },
    {
      name: 'a META key the server sets (Django CSRF middleware)',
      code: `def _set_token(request, response):\n    request.session["_csrftoken"] = request.META["CSRF_COOKIE"]`,
      filename: 'csrf.py',
    },
    {
      name: 'what a method of the user object computes (Django update_session_auth_hash)',
      code: `def update_session_auth_hash(request, user):\n    request.session.cycle_key()\n    if request.user == user:\n        request.session["_auth_user_hash"] = user.get_session_auth_hash()`,
      filename: 'auth.py',
    },
    { name: 'dead code', code: `from flask import request, session\n\ndef f():\n    if False:\n        session["q"] = request.args["q"]`, filename: 'app.py' },
  ],
  invalid: [
    {
      name: 'Flask: a query parameter stored in the session',
      code: `from flask import Flask, request, session\n\napp = Flask(__name__)\n\n@app.route("/prefs")\ndef prefs():\n    session["userid"] = request.args.get("userid", "")\n    return "ok"`,
      filename: 'app.py',
      errors: [{ messageId: 'requestDataInSession', line: 7, column: 25, endLine: 7, endColumn: 55, related: 1 }],
    },
    {
      name: 'Flask: update() with keywords and a dict, setdefault()',
      code: `from flask import request, session\n\ndef remember():\n    session.update(role=request.form["role"])\n    session.update({"team": request.form["team"]})\n    session.setdefault("cart", request.cookies.get("cart"))`,
      filename: 'app.py',
      errors: [
        { messageId: 'requestDataInSession', line: 4, column: 25, endLine: 4, endColumn: 45 },
        { messageId: 'requestDataInSession', line: 5, column: 29, endLine: 5, endColumn: 49 },
        { messageId: 'requestDataInSession', line: 6, column: 32, endLine: 6, endColumn: 59 },
      ],
    },
    {
      name: 'Django: request.session from POST data',
      code: `from django.http import HttpResponse\n\ndef login(request):\n    request.session["user"] = request.POST["user"]\n    return HttpResponse("ok")`,
      filename: 'views.py',
      errors: [{ messageId: 'requestDataInSession', line: 4, column: 31, endLine: 4, endColumn: 51 }],
    },
    {
      name: 'a value passed through a helper variable and a string',
      code: `from flask import request, session\n\ndef f():\n    name = request.headers.get("X-User")\n    label = "user:" + name\n    session["label"] = label`,
      filename: 'app.py',
      errors: [{ messageId: 'requestDataInSession', line: 6, column: 24, endLine: 6, endColumn: 29 }],
    },
    {
      name: 'a validator on another name does not count',
      code: `from flask import request, session\n\ndef f():\n    lang = request.args["lang"]\n    other = request.args["other"]\n    if is_supported(other):\n        session["lang"] = lang`,
      filename: 'app.py',
      errors: [{ messageId: 'requestDataInSession', line: 7, column: 27, endLine: 7, endColumn: 31 }],
    },
    {
      name: 'a header through request.META',
      code: `from django.http import HttpResponse\n\ndef track(request):\n    request.session["agent"] = request.META["HTTP_USER_AGENT"]\n    return HttpResponse("ok")`,
      filename: 'views.py',
      errors: [{ messageId: 'requestDataInSession', line: 4, column: 32, endLine: 4, endColumn: 63 }],
    },
    {
      name: 'string methods of request data are still request data',
      code: `from flask import request, session\n\ndef f():\n    session["name"] = request.form["name"].strip().lower()`,
      filename: 'app.py',
      errors: [{ messageId: 'requestDataInSession', line: 4, column: 23, endLine: 4, endColumn: 59 }],
    },
    {
      name: 'a field of the parsed JSON body',
      code: `from flask import request, session\n\ndef f():\n    body = request.get_json()\n    session["locale"] = body.locale`,
      filename: 'app.py',
      errors: [{ messageId: 'requestDataInSession', line: 5, column: 25, endLine: 5, endColumn: 36 }],
    },
  ],
});
