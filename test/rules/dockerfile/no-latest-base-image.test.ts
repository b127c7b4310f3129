import rule from '../../../src/rules/dockerfile/no-latest-base-image';
import { ruleTester } from '../../lib/rule-tester';

const D = 'Dockerfile';
ruleTester(rule, {
  valid: [
    { filename: D, code: 'FROM node:22-alpine\nUSER node' },
    { filename: D, name: 'digest pin', code: 'FROM ubuntu:latest@sha256:0f5b5e6e1c7ea1e5bf2a9e5f5a2f2b5b0c6f9e3c1d8e4b3a2f1e0d9c8b7a6f5e4' },
    { filename: D, name: 'scratch', code: 'FROM golang:1.22 AS build\nFROM scratch\nCOPY --from=build /app /app' },
    { filename: D, name: 'previous stage', code: 'FROM python:3.12-slim AS base\nFROM base AS test\nFROM Base' },
    { filename: D, name: 'ARG without default', code: 'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}' },
    { filename: D, name: 'ARG with pinned default', code: 'ARG VERSION=3.12\nFROM python:${VERSION}-slim' },
    { filename: D, name: 'registry with port', code: 'FROM registry.local:5000/team/app:1.4.2' },
  ],
  invalid: [
    { filename: D, code: 'FROM ubuntu\nRUN id', errors: [{ messageId: 'untagged', line: 1, column: 6, endLine: 1, endColumn: 12 }] },
    { filename: D, code: 'FROM --platform=$BUILDPLATFORM node:latest AS build', errors: [{ messageId: 'latest', line: 1, column: 32, endLine: 1, endColumn: 43 }] },
    { filename: D, name: 'ARG default resolves to latest', code: 'ARG BASE=node:latest\nFROM $BASE', errors: [{ messageId: 'latest', line: 2, column: 6, endLine: 2, endColumn: 11 }] },
    { filename: D, name: 'registry with port, no tag', code: 'FROM registry.local:5000/team/app', errors: [{ messageId: 'untagged', line: 1, column: 6, endLine: 1, endColumn: 34 }] },
  ],
});
