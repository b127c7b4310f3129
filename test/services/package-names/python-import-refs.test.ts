import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pythonImportRefs, type PythonImportInput, type PythonImportRef } from '../../../src/services/package-names';
import { preparePython, span, withPython } from '../../languages/python/helpers';

const FIXTURE = join(__dirname, '..', '..', 'languages', 'python', 'fixtures', 'ingest_service.py');

/** Refs of a Python text, checked to cover the top-level module as written. */
function refsOf(text: string, options?: Parameters<typeof pythonImportRefs>[1]): PythonImportRef[] {
  return withPython(text, (_parsed, h) => {
    const refs = pythonImportRefs(h.imports(), options);
    for (const ref of refs) assert.equal(text.slice(...ref.range), ref.module, `range of ${ref.name}`);
    return refs;
  });
}

function compact(refs: PythonImportRef[]): Array<[name: string, module: string, guarded: boolean, mapped: boolean]> {
  return refs.map((r) => [r.name, r.module, r.guarded, r.mapped]);
}

describe('package-names: pythonImportRefs', () => {
  before(preparePython);

  it('maps the imports of a realistic module to PyPI distributions', () => {
    const text = readFileSync(FIXTURE, 'utf8');
    const refs = refsOf(text, { localModules: ['ingest'] });
    assert.deepEqual(compact(refs), [
      ['requests', 'requests', false, false],
      ['PyYAML', 'yaml', false, true],
      ['opencv-python', 'cv2', false, true],
      ['numpy', 'numpy', false, false],
      ['Pillow', 'PIL', false, true],
      ['beautifulsoup4', 'bs4', false, true],
      ['python-dotenv', 'dotenv', false, true],
      ['scikit-learn', 'sklearn', false, true],
      ['protobuf', 'google', false, true],
      ['google-cloud-storage', 'google', false, true],
      ['ujson', 'ujson', true, false],
      ['python-magic', 'magic', true, true],
      ['mypy-boto3-s3', 'mypy_boto3_s3', true, false],
      ['lxml', 'lxml', false, false],
    ]);
    assert.deepEqual(refs[2].range, span(text, 'cv2'));
    for (const ref of refs) {
      assert.equal(ref.ecosystem, 'pypi');
      assert.equal(ref.source, 'import');
      assert.equal(ref.field, 'import');
      assert.equal(ref.registry, true);
      assert.equal(ref.spec, undefined);
    }
  });

  it('without localModules, the project package is looked up too', () => {
    const refs = refsOf('from ingest.pipeline import Pipeline\n');
    assert.deepEqual(compact(refs), [['ingest', 'ingest', false, false]]);
  });

  it('finds the distributions of submodules imported from a shared namespace', () => {
    const text = 'from google.cloud import storage, bigquery as bq, unknown\nfrom google.cloud import *\nfrom azure import nothing\n';
    const refs = refsOf(text);
    assert.deepEqual(
      refs.map((r) => [r.name, r.range]),
      [
        ['google-cloud-storage', span(text, 'google', 0)],
        ['google-cloud-bigquery', span(text, 'google', 0)],
      ],
    );
  });

  it('skips the standard library, relative imports and unmapped shared namespaces', () => {
    const text = [
      'import os, os.path, json, asyncio, tomllib, importlib',
      'from collections.abc import Mapping',
      'from . import x',
      'from .a import b',
      'from ..c.d import e',
      'import google.unknownthing',
      'import azure.foo',
      'from __future__ import annotations',
      "__import__('subprocess')",
      '',
    ].join('\n');
    assert.deepEqual(refsOf(text), []);
  });

  it('one ref per import, in order, even for the same package', () => {
    const text = 'import yaml\nfrom yaml import safe_load\nimport yaml.constructor as c\n';
    const refs = refsOf(text);
    assert.deepEqual(compact(refs), [
      ['PyYAML', 'yaml', false, true],
      ['PyYAML', 'yaml', false, true],
      ['PyYAML', 'yaml', false, true],
    ]);
    assert.deepEqual(
      refs.map((r) => r.range),
      [span(text, 'yaml', 0), span(text, 'yaml', 1), span(text, 'yaml', 2)],
    );
  });

  it('ranges the top-level name of a spaced dotted name and of dynamic imports', () => {
    const text = "import cv2 . data\nm = importlib.import_module('sklearn.svm')\n";
    const refs = refsOf(text);
    assert.deepEqual(
      refs.map((r) => [r.name, r.range]),
      [
        ['opencv-python', span(text, 'cv2')],
        ['scikit-learn', span(text, 'sklearn')],
      ],
    );
  });

  it('normalises unmapped names the PEP 503 way', () => {
    assert.deepEqual(compact(refsOf('import My_Package.sub\n')), [['my-package', 'My_Package', false, false]]);
  });

  it('never throws on odd input', () => {
    const odd = [
      { module: '', range: [0, 0], level: 0, guarded: false },
      { module: 'a b', range: [0, 3], level: 0, guarded: false },
      { module: '.x', range: [0, 2], level: 0, guarded: false },
      { module: 'x', range: [5, 2], level: 0, guarded: false },
      { module: 'y', range: [0, 1], level: 2, guarded: true },
      null,
      { module: 42, range: [0, 1], level: 0, guarded: false },
    ] as unknown as PythonImportInput[];
    assert.deepEqual(
      pythonImportRefs(odd).map((r) => [r.name, r.range]),
      [['x', [5, 2]]],
    );
  });
});
