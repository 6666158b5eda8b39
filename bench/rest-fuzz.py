#!/usr/bin/env python3
"""Mutated REST calls against every operation of Keyward's published OpenAPI descriptions
(docs/api/*.openapi.json), run by bench/rest-fuzz.sh against a fresh suite on loopback.

For each operation: no credential and a wrong one (both must be 401), then with each caller's
credential odd path parameters, odd query parameters, and broken, mistyped or incomplete JSON
bodies, a form body and a text body. Fails (exit 1) on any 5xx, any request left unanswered,
any 4xx that is not application/problem+json (RFC 9457) or that shows a stack trace, and any
operation that answers without a valid credential.

    rest-fuzz.py CONFIG.json [SEED]

CONFIG: {"apis": [{"name": ..., "spec": path, "port": n, "tokens": [...]}]}"""
import json, sys, random, http.client, urllib.parse, collections

random.seed(int(sys.argv[2]) if len(sys.argv) > 2 else 7)
cfg = json.load(open(sys.argv[1]))  # {"apis": [{"spec": path, "port": n, "tokens": [..]}]}

def resolve(spec, schema, depth=0):
    if schema is None or depth > 6:
        return {}
    if '$ref' in schema:
        name = schema['$ref'].split('/')[-1]
        return resolve(spec, spec['components']['schemas'][name], depth + 1)
    return schema

def sample(spec, schema, depth=0):
    s = resolve(spec, schema, depth)
    t = s.get('type')
    if 'enum' in s: return s['enum'][0]
    if t == 'object' or 'properties' in s:
        return {k: sample(spec, v, depth + 1) for k, v in s.get('properties', {}).items()}
    if t == 'array': return [sample(spec, s.get('items', {}), depth + 1)]
    if t == 'integer': return 1
    if t == 'number': return 1.5
    if t == 'boolean': return True
    fmt = s.get('format')
    if fmt == 'uuid': return '3f1c2a8e-1b2c-4d5e-8f90-a1b2c3d4e5f6'
    if fmt == 'date-time': return '2026-12-07T00:00:00Z'
    return 'x'

ODD = ['', ' ', '0', '-1', '99999999999999999999', '1e309', 'NaN', 'true', 'null', '%00', '\u0000', '../../etc/passwd',
       'a' * 5000, '\ud7ff\ue000\U0001F600', '<script>alert(1)</script>', "' or 1=1 --", '{}', '[]',
       '3f1c2a8e-1b2c-4d5e-8f90-a1b2c3d4e5f6', 'zz', '-', '2026-13-45T99:99:99Z', '0x10', ' 1']
WRONG = [None, 0, -1, 2**63, 1e308, True, 'x', 'a' * 100000, [], {}, [[[]]], {'a': {'b': {}}}, '\u0000', -0.0]

def bodies(spec, op):
    rb = op.get('requestBody', {}).get('content', {})
    schema = (rb.get('application/json') or next(iter(rb.values()), {})).get('schema') if rb else None
    base = sample(spec, schema) if schema else {}
    out = [b'', b'{', b'null', b'[]', b'123', b'"x"', b'{"a":1}', b'{"a":', b'\xff\xfe\x00', b'[' * 20000 + b']' * 20000,
           json.dumps(base).encode()]
    if isinstance(base, dict):
        for k in base:
            for w in random.sample(WRONG, 5):
                m = dict(base); m[k] = w; out.append(json.dumps(m).encode())
            m = dict(base); del m[k]; out.append(json.dumps(m).encode())
    return out

def paths(path, params):
    names = [p['name'] for p in params if p.get('in') == 'path']
    if not names: return [path]
    out = []
    for v in ODD:
        p = path
        for n in names:
            p = p.replace('{' + n + '}', urllib.parse.quote(v, safe=''))
        out.append(p)
    return out

def queries(params):
    qs = [p for p in params if p.get('in') == 'query']
    out = ['']
    for q in qs:
        for v in random.sample(ODD, 8):
            out.append('?' + urllib.parse.urlencode({q['name']: v}))
    return out

stats = collections.Counter(); bad = []; per_api = collections.Counter()
def call(port, method, path, body, token, ctype='application/json'):
    c = http.client.HTTPConnection('127.0.0.1', port, timeout=30)
    h = {'Authorization': 'Bearer ' + token} if token else {}
    if body is not None:
        h['Content-Type'] = ctype
    try:
        c.request(method, path, body=body, headers=h)
        r = c.getresponse(); data = r.read(); ct = r.getheader('Content-Type') or ''
    except Exception as ex:
        bad.append(('no answer', method, path, repr(ex)[:200], body[:200] if body else body)); return
    finally:
        c.close()
    stats[r.status] += 1
    per_api[api['name']] += 1
    if token in (None, 'kw_wrong') and r.status != 401:
        bad.append(('answered without a valid credential: %d' % r.status, method, path, data[:200], None))
    if r.status >= 500:
        bad.append((r.status, method, path, data[:300], body[:200] if body else body))
    elif r.status >= 400 and 'application/problem+json' not in ct:
        bad.append(('not problem+json %d %s' % (r.status, ct), method, path, data[:200], body[:100] if body else body))
    elif r.status >= 400 and (b'Exception' in data or b'\tat ' in data):
        bad.append(('stack trace?', method, path, data[:300], None))

for api in cfg['apis']:
    spec = json.load(open(api['spec']))
    for path, item in spec['paths'].items():
        for method, op in item.items():
            if method not in ('get', 'post', 'put', 'delete', 'patch'): continue
            params = op.get('parameters', []) + item.get('parameters', [])
            M = method.upper()
            variants = paths(path, params)
            target = variants[-1]
            for token in [None, 'kw_wrong'] + api['tokens']:
                call(api['port'], M, target, b'{}' if M == 'POST' else None, token)
            for token in api['tokens']:
                for p in variants:
                    call(api['port'], M, p, b'{}' if M in ('POST', 'PUT', 'PATCH') else None, token)
                for q in queries(params):
                    call(api['port'], M, target + q, None if M in ('GET', 'DELETE') else b'{}', token)
                if M in ('POST', 'PUT', 'PATCH'):
                    for b in bodies(spec, op):
                        call(api['port'], M, target, b, token)
                    call(api['port'], M, target, b'x=1', token, 'application/x-www-form-urlencoded')
                    call(api['port'], M, target, b'{}', token, 'text/plain')
print('requests by API:', dict(per_api))
print('answers by status:', dict(sorted(stats.items())))
seen = set()
for b in bad:
    key = (str(b[0])[:40], b[1], b[2][:60])
    if key in seen: continue
    seen.add(key)
    print('BAD', b)
print('findings:', len(bad))
sys.exit(1 if bad else 0)
