import rule from '../../../src/rules/python/no-weak-cipher';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { code: `import os
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
nonce = os.urandom(12)
ct = AESGCM(key).encrypt(nonce, data, None)`, filename: 'app.py' },
    { code: `import os
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
iv = os.urandom(16)
cipher = Cipher(algorithms.AES(key), modes.CBC(iv))`, filename: 'app.py' },
    { name: "an IV read from the message", code: `from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
def decrypt(blob):
    iv, ct = blob[:16], blob[16:]
    return Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor().update(ct)`, filename: 'app.py' },
    { name: "PyCryptodome picks a random nonce", code: `from Crypto.Cipher import AES
cipher = AES.new(key, AES.MODE_GCM)`, filename: 'app.py' },
    { code: `from Crypto.Cipher import AES
from Crypto.Random import get_random_bytes
cipher = AES.new(key, AES.MODE_CBC, iv=get_random_bytes(16))`, filename: 'app.py' },
    { code: `from cryptography.fernet import Fernet
token = Fernet(key).encrypt(data)`, filename: 'app.py' },
    { code: `from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
aead = ChaCha20Poly1305(key)
ct = aead.encrypt(nonce, data, aad)`, filename: 'app.py' },
    { name: "a local class named DES", code: `class DES:
    @staticmethod
    def new(key):
        return key

DES.new(key)`, filename: 'app.py' },
    { name: "a mode chosen at run time", code: `from Crypto.Cipher import AES
cipher = AES.new(key, mode)`, filename: 'app.py' },
    { code: `import hashlib
mode = "ECB"
print(mode)`, filename: 'app.py' },
    { code: `from Crypto.Hash import SHA256
h = SHA256.new(data)`, filename: 'app.py' },
  ],
  invalid: [
    {
      code: `from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
cipher = Cipher(algorithms.AES(key), modes.ECB())`,
      filename: 'app.py',
      errors: [
        { messageId: 'ecbMode', line: 2, column: 38, endLine: 2, endColumn: 49 },
      ],
    },
    {
      code: `from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
cipher = Cipher(algorithms.TripleDES(key), modes.CBC(iv))`,
      filename: 'app.py',
      errors: [
        { messageId: 'weakCipher', line: 2, column: 17, endLine: 2, endColumn: 42 },
      ],
    },
    {
      code: `from cryptography.hazmat.decrepit.ciphers.algorithms import ARC4
cipher = Cipher(ARC4(key), mode=None)`,
      filename: 'app.py',
      errors: [
        { messageId: 'weakCipher', line: 2, column: 17, endLine: 2, endColumn: 26 },
      ],
    },
    {
      code: `from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
IV = b"\\x00" * 16
cipher = Cipher(algorithms.AES(key), modes.CBC(IV))`,
      filename: 'app.py',
      errors: [
        { messageId: 'staticIv', line: 3, column: 48, endLine: 3, endColumn: 50 },
      ],
    },
    {
      code: `from cryptography.hazmat.primitives.ciphers.aead import AESGCM
aesgcm = AESGCM(key)
ct = aesgcm.encrypt(b"fixednonce12", data, None)`,
      filename: 'app.py',
      errors: [
        { messageId: 'staticIv', line: 3, column: 21, endLine: 3, endColumn: 36 },
      ],
    },
    {
      code: `from Crypto.Cipher import AES
cipher = AES.new(key, AES.MODE_ECB)`,
      filename: 'app.py',
      errors: [
        { messageId: 'ecbMode', line: 2, column: 23, endLine: 2, endColumn: 35 },
      ],
    },
    {
      code: `from Crypto.Cipher import DES
cipher = DES.new(key, DES.MODE_CBC, iv)`,
      filename: 'app.py',
      errors: [
        { messageId: 'weakCipher', line: 2, column: 10, endLine: 2, endColumn: 40 },
      ],
    },
    {
      code: `from Cryptodome.Cipher import ARC4
cipher = ARC4.new(key)`,
      filename: 'app.py',
      errors: [
        { messageId: 'weakCipher', line: 2, column: 10, endLine: 2, endColumn: 23 },
      ],
    },
    {
      code: `from Crypto.Cipher import AES
cipher = AES.new(key, AES.MODE_CBC, b"0123456789abcdef")`,
      filename: 'app.py',
      errors: [
        { messageId: 'staticIv', line: 2, column: 37, endLine: 2, endColumn: 56 },
      ],
    },
    {
      code: `from Crypto.Cipher import AES
cipher = AES.new(key, AES.MODE_CTR, nonce=b"12345678")`,
      filename: 'app.py',
      errors: [
        { messageId: 'staticIv', line: 2, column: 43, endLine: 2, endColumn: 54 },
      ],
    },
  ],
});

