import rule from '../../../src/rules/python/no-csrf-exempt';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { code: `from django.views.decorators.csrf import csrf_protect

@csrf_protect
def update_profile(request):
    pass`, filename: 'app.py' },
    { code: `from django.views.decorators.http import require_POST

@require_POST
def update_profile(request):
    pass`, filename: 'app.py' },
    { code: `from django.views.decorators.csrf import ensure_csrf_cookie

@ensure_csrf_cookie
def spa(request):
    pass`, filename: 'app.py' },
    { name: "a local decorator with the same name", code: `def csrf_exempt(view):
    return view

@csrf_exempt
def hook(request):
    pass`, filename: 'app.py' },
    { code: `from django.utils.decorators import method_decorator
from django.contrib.auth.decorators import login_required

@method_decorator(login_required, name="dispatch")
class Dashboard(View):
    pass`, filename: 'app.py' },
    { name: "a word in a name", code: `EXEMPT_PATHS = ["/health"]
if request.path in EXEMPT_PATHS:
    pass`, filename: 'app.py' },
    { code: `from flask_wtf.csrf import CSRFProtect
csrf = CSRFProtect(app)

@app.route("/form", methods=["POST"])
def form():
    pass`, filename: 'app.py' },
  ],
  invalid: [
    {
      code: `from django.views.decorators.csrf import csrf_exempt

@csrf_exempt
def stripe_webhook(request):
    pass`,
      filename: 'app.py',
      errors: [
        { messageId: 'csrfExempt', line: 3, column: 1, endLine: 3, endColumn: 13 },
      ],
    },
    {
      code: `from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt

@method_decorator(csrf_exempt, name="dispatch")
class ApiView(View):
    pass`,
      filename: 'app.py',
      errors: [
        { messageId: 'csrfExempt', line: 4, column: 1, endLine: 4, endColumn: 48 },
      ],
    },
    {
      code: `from flask_wtf.csrf import CSRFProtect
csrf = CSRFProtect(app)

@csrf.exempt
@app.route("/api/upload", methods=["POST"])
def upload():
    pass`,
      filename: 'app.py',
      errors: [
        { messageId: 'csrfExempt', line: 4, column: 1, endLine: 4, endColumn: 13 },
      ],
    },
    {
      code: `from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from . import views

urlpatterns = [path("graphql/", csrf_exempt(views.GraphQLView.as_view()))]`,
      filename: 'app.py',
      errors: [
        { messageId: 'csrfExempt', line: 5, column: 33, endLine: 5, endColumn: 73 },
      ],
    },
  ],
});

