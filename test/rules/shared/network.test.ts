import assert from 'node:assert/strict';
import { exposedByRange, isPublicRange, publicExposure, SENSITIVE_PORTS, sensitivePortIn } from '../../../src/rules/shared/network';

describe('shared network exposure', () => {
  it('calls /0 "everyone", in any spelling, IPv4 and IPv6', () => {
    for (const range of ['0.0.0.0/0', '::/0', ' 0.0.0.0/0 ', '0000::/0', '::ffff:0.0.0.0/96']) assert.equal(publicExposure(range), 'everyone', range);
  });

  it('calls other public ranges of /8 (IPv6 /16) or wider "large"', () => {
    for (const range of ['0.0.0.0/1', '128.0.0.0/1', '1.0.0.0/8', '100.0.0.0/6', '::/1', '2000::/3', '2001::/16']) assert.equal(publicExposure(range), 'large', range);
  });

  it('does not call private, shared, reserved or narrow ranges public, nor text that is not a range', () => {
    const notPublic = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '224.0.0.0/4', 'fd00::/8', 'fe80::/10', '2001:db8::/32', '1.0.0.0/9', '203.0.113.7/32', '198.51.100.0/24', '2001:4860::/32', '0.0.0.0', '*', 'Internet', 'sg-0123', '0.0.0.0/33', ''];
    for (const range of notPublic) assert.equal(isPublicRange(range), false, range);
  });

  it('keeps one list of sensitive ports, admin and database, and names the lowest in a range', () => {
    assert.equal(SENSITIVE_PORTS.get(22)?.kind, 'admin');
    assert.equal(SENSITIVE_PORTS.get(5432)?.kind, 'database');
    assert.equal(sensitivePortIn(3000, 3400), 'MySQL/MariaDB (port 3306)');
    assert.equal(sensitivePortIn(80, 443), null);
    assert.equal(exposedByRange(0, 65535), 'all ports');
    assert.equal(exposedByRange(8000, 8080), null);
  });
});
