import rule from '../../../src/rules/python/no-django-insecure-settings';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "the startproject development default", code: `DEBUG = True
ALLOWED_HOSTS = []`, filename: 'mysite/settings.py' },
    { name: "any host without DEBUG (behind a proxy that checks Host)", code: `DEBUG = False
ALLOWED_HOSTS = ["*"]`, filename: 'mysite/settings.py' },
    { code: `import os
DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
ALLOWED_HOSTS = ["*"]`, filename: 'mysite/settings.py' },
    { code: `DEBUG = True
ALLOWED_HOSTS = ["localhost", "127.0.0.1"]`, filename: 'mysite/settings/dev.py' },
    { code: `SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True`, filename: 'mysite/settings.py' },
    { name: "not a settings module", code: `DEBUG = True
ALLOWED_HOSTS = ["*"]`, filename: 'scripts/report.py' },
    { name: "Django default for the CSRF cookie", code: `CSRF_COOKIE_HTTPONLY = False`, filename: 'mysite/settings.py' },
    { name: "a later assignment wins", code: `SESSION_COOKIE_SECURE = False
if not DEBUG:
    SESSION_COOKIE_SECURE = True`, filename: 'mysite/settings.py' },
    { name: "inside a function", code: `def configure():
    DEBUG = True
    ALLOWED_HOSTS = ["*"]`, filename: 'mysite/settings.py' },
    { code: `INSTALLED_APPS = ["django.contrib.admin"]
DEBUG = False
SESSION_COOKIE_SECURE = True`, filename: 'config/base.py' },
    { name: "Django's own defaults", code: `SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False`, filename: 'django/conf/global_settings.py' },
  ],
  invalid: [
    {
      code: `DEBUG = True

ALLOWED_HOSTS = ["*"]`,
      filename: 'mysite/settings.py',
      errors: [
        { messageId: 'debugAnyHost', line: 1, column: 1, endLine: 1, endColumn: 13, suggestions: [{ messageId: 'turnOffDebug', output: `DEBUG = False

ALLOWED_HOSTS = ["*"]` }] },
      ],
    },
    {
      name: "recognised by its Django settings",
      code: `INSTALLED_APPS = ["django.contrib.admin", "shop"]
ROOT_URLCONF = "shop.urls"
DEBUG = True
ALLOWED_HOSTS = ("*",)`,
      filename: 'config/base.py',
      errors: [
        { messageId: 'debugAnyHost', line: 3, column: 1, endLine: 3, endColumn: 13, suggestions: [{ messageId: 'turnOffDebug', output: `INSTALLED_APPS = ["django.contrib.admin", "shop"]
ROOT_URLCONF = "shop.urls"
DEBUG = False
ALLOWED_HOSTS = ("*",)` }] },
      ],
    },
    {
      code: `SESSION_COOKIE_SECURE = False`,
      filename: 'mysite/settings.py',
      errors: [
        { severity: 'warning', messageId: 'cookieNotSecure', line: 1, column: 1, endLine: 1, endColumn: 30, suggestions: [{ messageId: 'setTrue', output: `SESSION_COOKIE_SECURE = True` }] },
      ],
    },
    {
      code: `CSRF_COOKIE_SECURE = False
SESSION_COOKIE_HTTPONLY = False`,
      filename: 'mysite/settings/production.py',
      errors: [
        { severity: 'warning', messageId: 'cookieNotSecure', line: 1, column: 1, endLine: 1, endColumn: 27, suggestions: [{ messageId: 'setTrue', output: `CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = False` }] },
        { severity: 'warning', messageId: 'sessionCookieScriptable', line: 2, column: 1, endLine: 2, endColumn: 32, suggestions: [{ messageId: 'setTrue', output: `CSRF_COOKIE_SECURE = False
SESSION_COOKIE_HTTPONLY = True` }] },
      ],
    },
    {
      name: "inside a module-level if",
      code: `import os
if os.environ.get("ENV") == "prod":
    DEBUG = True
    ALLOWED_HOSTS = ["*"]`,
      filename: 'mysite/settings.py',
      errors: [
        { messageId: 'debugAnyHost', line: 3, column: 5, endLine: 3, endColumn: 17, suggestions: [{ messageId: 'turnOffDebug', output: `import os
if os.environ.get("ENV") == "prod":
    DEBUG = False
    ALLOWED_HOSTS = ["*"]` }] },
      ],
    },
  ],
});

