// Requests that try to reach an endpoint the readonly profile denies (export,
// archive, stop, create) by disguising the path, the version prefix or the method.
// None of them may reach the daemon.

export interface PathTrick {
  name: string;
  method: string;
  path: string;
  headers?: string[];
}

export function pathTricks(id: string): PathTrick[] {
  const get = (name: string, path: string, headers?: string[]): PathTrick => ({ name, method: 'GET', path, ...(headers ? { headers } : {}) });
  return [
    get('../ after an allowed path', `/containers/json/../${id}/export`),
    get('../ after the version prefix', `/v1.41/_ping/../containers/${id}/export`),
    get('%2e%2e', `/containers/json/%2e%2e/${id}/export`),
    get('%2E%2E', `/v1.41/containers/json/%2E%2E/${id}/export`),
    get('%2F inside the id segment', `/containers/${id}%2Fexport`),
    get('%2F with ..', `/_ping/..%2Fcontainers%2F${id}%2Fexport`),
    get('leading //', `//containers/${id}/export`),
    get('inner //', `/v1.41//containers/${id}/export`),
    get('/v1.41.0/ prefix', `/v1.41.0/containers/${id}/export`),
    get('/v01.41/ prefix', `/v01.41/containers/${id}/export`),
    get('allowed path in the query', `/v1.41/containers/${id}/export?x=/containers/json`),
    get('allowed path after ;', `/v1.41/containers/${id}/export;/containers/json`),
    get('allowed suffix after the denied path', `/containers/${id}/export/x/../../containers/json`),
    get('archive read', `/v1.41/containers/${id}/archive?path=/etc/passwd`),
    get('archive read through ../', `/v1.41/containers/json/../${id}/archive?path=/etc/passwd`),
    get('X-HTTP-Method-Override: POST to stop', `/v1.41/containers/${id}/stop`, ['X-HTTP-Method-Override: POST']),
    get('X-HTTP-Method-Override: POST to create', '/v1.41/containers/create', ['X-HTTP-Method-Override: POST']),
    { name: 'HEAD export', method: 'HEAD', path: `/v1.41/containers/${id}/export` },
    { name: 'HEAD archive stat', method: 'HEAD', path: `/v1.41/containers/${id}/archive?path=/etc/passwd` },
    { name: 'POST on an allowed path', method: 'POST', path: '/v1.41/containers/json' },
    { name: 'POST create with /v1.41.0/', method: 'POST', path: '/v1.41.0/containers/create' },
    { name: 'POST stop with /v01.41/', method: 'POST', path: `/v01.41/containers/${id}/stop` },
    { name: 'DELETE a container', method: 'DELETE', path: `/v1.41/containers/${id}?force=1` },
    { name: 'PUT into a container', method: 'PUT', path: `/v1.41/containers/${id}/archive?path=/tmp` },
  ];
}
