import rule from '../../../src/rules/python/no-xxe';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "lxml with resolve_entities=False", code: `from lxml import etree
parser = etree.XMLParser(resolve_entities=False, no_network=True)`, filename: 'app.py' },
    { name: "the default lxml parser", code: `from lxml import etree
def parse(data):
    return etree.fromstring(data)`, filename: 'app.py' },
    { name: "load_dtd with resolve_entities=False", code: `from flask import Flask, request
from lxml import etree
app = Flask(__name__)
parser = etree.XMLParser(load_dtd=True, resolve_entities=False)

@app.post("/import")
def upload():
    return etree.fromstring(request.data, parser).tag`, filename: 'app.py' },
    { name: "load_dtd on a trusted file", code: `from lxml import etree
parser = etree.XMLParser(load_dtd=True)
tree = etree.parse("/etc/app/catalog.xml", parser)`, filename: 'app.py' },
    { name: "xml.etree and minidom are not reported", code: `import xml.etree.ElementTree as ET
from xml.dom import minidom
from flask import Flask, request
app = Flask(__name__)

@app.post("/x")
def x():
    return ET.fromstring(request.data).tag + minidom.parseString(request.data).documentElement.tagName`, filename: 'app.py' },
    { name: "a SAX feature turned off", code: `import xml.sax
from xml.sax.handler import feature_external_ges
parser = xml.sax.make_parser()
parser.setFeature(feature_external_ges, False)`, filename: 'app.py' },
    { name: "another SAX feature", code: `import xml.sax
from xml.sax.handler import feature_namespaces
parser = xml.sax.make_parser()
parser.setFeature(feature_namespaces, True)`, filename: 'app.py' },
    { name: "defusedxml", code: `from defusedxml.lxml import fromstring
def parse(data):
    return fromstring(data)`, filename: 'app.py' },
    { name: "a local class named XMLParser", code: `class XMLParser:
    def __init__(self, resolve_entities=True):
        self.resolve_entities = resolve_entities
p = XMLParser(resolve_entities=True)
import lxml`, filename: 'app.py' },
    { name: "dead code", code: `from lxml import etree
LEGACY = False
if LEGACY:
    parser = etree.XMLParser(resolve_entities=True)`, filename: 'app.py' },
  ],
  invalid: [
    {
      name: "resolve_entities=True",
      code: `from lxml import etree
parser = etree.XMLParser(resolve_entities=True)
tree = etree.parse(upload, parser)`,
      filename: 'app.py',
      errors: [
        { messageId: 'resolveEntities', line: 2, column: 26, endLine: 2, endColumn: 47, suggestions: [{ messageId: 'disableEntities', output: `from lxml import etree
parser = etree.XMLParser(resolve_entities=False)
tree = etree.parse(upload, parser)` }] },
      ],
    },
    {
      name: "no_network=False",
      code: `from lxml import etree
parser = etree.XMLParser(recover=True, no_network=False)`,
      filename: 'app.py',
      errors: [
        { messageId: 'networkAccess', line: 2, column: 40, endLine: 2, endColumn: 56, suggestions: [{ messageId: 'removeNetwork', output: `from lxml import etree
parser = etree.XMLParser(recover=True)` }] },
      ],
    },
    {
      name: "load_dtd on request data (Flask)",
      code: `from flask import Flask, request
from lxml import etree
app = Flask(__name__)
parser = etree.XMLParser(load_dtd=True)

@app.post("/import")
def upload():
    doc = etree.fromstring(request.data, parser)
    return doc.findtext("title")`,
      filename: 'app.py',
      errors: [
        { messageId: 'loadDtd', line: 4, column: 26, endLine: 4, endColumn: 39, related: 1, suggestions: [{ messageId: 'addResolveEntities', output: `from flask import Flask, request
from lxml import etree
app = Flask(__name__)
parser = etree.XMLParser(load_dtd=True, resolve_entities=False)

@app.post("/import")
def upload():
    doc = etree.fromstring(request.data, parser)
    return doc.findtext("title")` }] },
      ],
    },
    {
      name: "SAX external general entities",
      code: `import xml.sax
from xml.sax.handler import feature_external_ges
parser = xml.sax.make_parser()
parser.setFeature(feature_external_ges, True)`,
      filename: 'app.py',
      errors: [
        { messageId: 'saxExternalEntities', line: 4, column: 1, endLine: 4, endColumn: 46, suggestions: [{ messageId: 'disableFeature', output: `import xml.sax
from xml.sax.handler import feature_external_ges
parser = xml.sax.make_parser()
parser.setFeature(feature_external_ges, False)` }] },
      ],
    },
    {
      name: "SAX feature by URI for pulldom",
      code: `import xml.sax
from xml.dom import pulldom
parser = xml.sax.make_parser()
parser.setFeature("http://xml.org/sax/features/external-parameter-entities", 1)
events = pulldom.parse(stream, parser=parser)`,
      filename: 'app.py',
      errors: [
        { messageId: 'saxExternalEntities', line: 4, column: 1, endLine: 4, endColumn: 80, suggestions: [{ messageId: 'disableFeature', output: `import xml.sax
from xml.dom import pulldom
parser = xml.sax.make_parser()
parser.setFeature("http://xml.org/sax/features/external-parameter-entities", False)
events = pulldom.parse(stream, parser=parser)` }] },
      ],
    },
  ],
});
