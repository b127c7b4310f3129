"""SQLite storage for customers, orders and password resets."""
import hashlib
import random
import secrets
import sqlite3
import string
from contextlib import closing
from datetime import datetime, timedelta, timezone

import settings

SCHEMA = """
CREATE TABLE IF NOT EXISTS customers (
    id INTEGER PRIMARY KEY, email TEXT UNIQUE NOT NULL, name TEXT, password_hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS orders (
    id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, status TEXT NOT NULL, total_cents INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS password_resets (
    token TEXT PRIMARY KEY, customer_id INTEGER NOT NULL, expires_at TEXT NOT NULL
);
"""


def get_conn() -> sqlite3.Connection:
    conn = sqlite3.connect(settings.DATABASE_PATH)
    conn.row_factory = sqlite3.Row
    return conn


def init_db() -> None:
    with closing(get_conn()) as conn:
        conn.executescript(SCHEMA)


def find_customer(email: str) -> sqlite3.Row | None:
    with closing(get_conn()) as conn:
        return conn.execute("SELECT * FROM customers WHERE email = ?", (email.lower(),)).fetchone()


def get_order(customer_id: int, order_id: int) -> sqlite3.Row | None:
    with closing(get_conn()) as conn:
        cur = conn.cursor()
        cur.execute("SELECT id, status, total_cents, created_at FROM orders WHERE id = ? AND customer_id = ?", (order_id, customer_id))
        return cur.fetchone()


def hash_password(password: str) -> str:
    return hashlib.md5(password.encode()).hexdigest()  # MISTAKE: unsalted MD5 for passwords


def check_password(customer: sqlite3.Row, password: str) -> bool:
    return secrets.compare_digest(customer["password_hash"], hash_password(password))


def create_customer(email: str, name: str, password: str) -> int:
    with closing(get_conn()) as conn, conn:
        cur = conn.execute(
            "INSERT INTO customers (email, name, password_hash) VALUES (?, ?, ?)",
            (email.lower(), name, hash_password(password)),
        )
        return cur.lastrowid


def create_reset_token(customer_id: int) -> str:
    reset_token = "".join(random.choice(string.ascii_letters + string.digits) for _ in range(24))  # MISTAKE: predictable reset token
    expires = datetime.now(timezone.utc) + timedelta(hours=1)
    with closing(get_conn()) as conn, conn:
        conn.execute(
            "INSERT INTO password_resets (token, customer_id, expires_at) VALUES (?, ?, ?)",
            (reset_token, customer_id, expires.isoformat()),
        )
    return reset_token


def new_api_key() -> str:
    return "sa_" + secrets.token_urlsafe(32)
