import rule from '../../../src/rules/python/no-mass-assignment';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "fields copied one by one", code: `from flask import Flask, request, jsonify
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
db = SQLAlchemy(app)

class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(80))
    email = db.Column(db.String(120))
    is_admin = db.Column(db.Boolean, default=False)

@app.post("/users")
def create_user():
    data = request.get_json()
    user = User(name=data["name"], email=data["email"])
    db.session.add(user)
    return jsonify(id=user.id)`, filename: 'app.py' },
    { name: "a pydantic schema in between", code: `from flask import Flask, request, jsonify
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
db = SQLAlchemy(app)

class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(80))
    email = db.Column(db.String(120))
    is_admin = db.Column(db.Boolean, default=False)
from pydantic import BaseModel
class UserIn(BaseModel):
    name: str
    email: str

@app.post("/users")
def create_user():
    user = User(**UserIn(**request.get_json()).model_dump())
    return jsonify(id=user.id)`, filename: 'app.py' },
    { name: "a dict literal with fixed keys", code: `from flask import Flask, request, jsonify
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
db = SQLAlchemy(app)

class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(80))
    email = db.Column(db.String(120))
    is_admin = db.Column(db.Boolean, default=False)

@app.post("/users")
def create_user():
    fields = {"name": request.json["name"], "email": request.json["email"]}
    return jsonify(id=User(**fields).id)`, filename: 'app.py' },
    { name: "a comprehension filtered by an allow-list", code: `from flask import Flask, request, jsonify
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
db = SQLAlchemy(app)

class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(80))
    email = db.Column(db.String(120))
    is_admin = db.Column(db.Boolean, default=False)

EDITABLE = ("name", "email")
@app.patch("/users/<int:uid>")
def update_user(uid):
    data = request.get_json()
    User.query.filter_by(id=uid).update({k: v for k, v in data.items() if k in EDITABLE})
    return jsonify(ok=True)`, filename: 'app.py' },
    { name: "setattr guarded by an allow-list", code: `from flask import Flask, request, jsonify
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
db = SQLAlchemy(app)

class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(80))
    email = db.Column(db.String(120))
    is_admin = db.Column(db.Boolean, default=False)

EDITABLE = {"name", "email"}
@app.patch("/users/<int:uid>")
def update_user(uid):
    user = db.session.get(User, uid)
    for key, value in request.get_json().items():
        if key in EDITABLE:
            setattr(user, key, value)
    return jsonify(ok=True)`, filename: 'app.py' },
    { name: "setattr with a constant name", code: `from flask import Flask, request, jsonify
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
db = SQLAlchemy(app)

class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(80))
    email = db.Column(db.String(120))
    is_admin = db.Column(db.Boolean, default=False)

@app.patch("/me")
def me():
    setattr(current_user, "name", request.json["name"])
    return jsonify(ok=True)`, filename: 'app.py' },
    { name: "a pydantic model is a schema, not a table", code: `from fastapi import FastAPI
from pydantic import BaseModel
app = FastAPI()
class Query(BaseModel):
    q: str
@app.post("/search")
def search(body: dict):
    return Query(**body)`, filename: 'app.py' },
    { name: "a DRF serializer validates the fields", code: `from rest_framework.decorators import api_view
from myapp.models import Profile
from myapp.serializers import ProfileSerializer

@api_view(["POST"])
def create(request):
    s = ProfileSerializer(data=request.data)
    s.is_valid(raise_exception=True)
    return Profile.objects.create(**s.validated_data)`, filename: 'app.py' },
    { name: "server data splatted", code: `from flask import Flask, request, jsonify
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
db = SQLAlchemy(app)

class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(80))
    email = db.Column(db.String(120))
    is_admin = db.Column(db.Boolean, default=False)

def seed():
    for row in load_fixtures():
        db.session.add(User(**row))`, filename: 'app.py' },
  ],
  invalid: [
    {
      name: "request JSON into a Flask-SQLAlchemy model",
      code: `from flask import Flask, request, jsonify
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
db = SQLAlchemy(app)

class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(80))
    email = db.Column(db.String(120))
    is_admin = db.Column(db.Boolean, default=False)

@app.post("/users")
def create_user():
    user = User(**request.get_json())
    db.session.add(user)
    db.session.commit()
    return jsonify(id=user.id), 201`,
      filename: 'app.py',
      errors: [
        { messageId: 'massAssignment', line: 15, column: 19, endLine: 15, endColumn: 37, related: 1, suggestions: [{ messageId: 'pickFields', output: `from flask import Flask, request, jsonify
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
db = SQLAlchemy(app)

class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(80))
    email = db.Column(db.String(120))
    is_admin = db.Column(db.Boolean, default=False)

@app.post("/users")
def create_user():
    user = User(**{k: v for k, v in request.get_json().items() if k in ("name", "email")})
    db.session.add(user)
    db.session.commit()
    return jsonify(id=user.id), 201` }] },
      ],
    },
    {
      name: "Django objects.create with the POST dict",
      code: `from django.http import JsonResponse
from myapp.models import Profile

def create_profile(request):
    profile = Profile.objects.create(**request.POST.dict())
    return JsonResponse({"id": profile.pk})`,
      filename: 'app.py',
      errors: [
        { messageId: 'massAssignment', line: 5, column: 40, endLine: 5, endColumn: 59, related: 1 },
      ],
    },
    {
      name: "a setattr loop",
      code: `from flask import Flask, request, jsonify
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
db = SQLAlchemy(app)

class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(80))
    email = db.Column(db.String(120))
    is_admin = db.Column(db.Boolean, default=False)

@app.patch("/users/<int:uid>")
def update_user(uid):
    user = db.session.get(User, uid)
    for key, value in request.json.items():
        setattr(user, key, value)
    db.session.commit()
    return jsonify(ok=True)`,
      filename: 'app.py',
      errors: [
        { messageId: 'requestChosenAttribute', line: 17, column: 23, endLine: 17, endColumn: 26, related: 2 },
      ],
    },
    {
      name: "__dict__.update and a query update",
      code: `from flask import Flask, request, jsonify
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
db = SQLAlchemy(app)

class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(80))
    email = db.Column(db.String(120))
    is_admin = db.Column(db.Boolean, default=False)

@app.put("/users/<int:uid>")
def replace_user(uid):
    user = db.session.get(User, uid)
    user.__dict__.update(request.json)
    User.query.filter_by(id=uid).update(request.json)
    return jsonify(ok=True)`,
      filename: 'app.py',
      errors: [
        { messageId: 'massAssignment', line: 16, column: 26, endLine: 16, endColumn: 38, related: 1 },
        { messageId: 'massAssignment', line: 17, column: 41, endLine: 17, endColumn: 53, related: 1 },
      ],
    },
    {
      name: "SQLModel from FastAPI (a dict body)",
      code: `from fastapi import FastAPI
from sqlmodel import SQLModel, Field, Session
app = FastAPI()

class Account(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    owner: str
    nickname: str
    balance: int = 0

@app.post("/accounts")
def create(payload: dict, session: Session):
    account = Account(**payload)
    session.add(account)
    return account`,
      filename: 'app.py',
      errors: [
        { messageId: 'massAssignment', line: 13, column: 25, endLine: 13, endColumn: 32, related: 1, suggestions: [{ messageId: 'pickFields', output: `from fastapi import FastAPI
from sqlmodel import SQLModel, Field, Session
app = FastAPI()

class Account(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    owner: str
    nickname: str
    balance: int = 0

@app.post("/accounts")
def create(payload: dict, session: Session):
    account = Account(**{k: v for k, v in payload.items() if k in ("nickname",)})
    session.add(account)
    return account` }] },
      ],
    },
  ],
});
