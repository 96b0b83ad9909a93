import { describe, expect, it } from 'vitest';
import { describeSource, requestFormOf, requestTo, SOURCES } from './requests.ts';

describe('which request carries each command', () => {
  it('fills a path from the uid the target knows the entity by', () => {
    expect(requestTo('SetNodeAddress', { uid: '2' })).toEqual({ via: 'api', method: 'PUT', path: '/v1/nodes/2' });
    expect(requestTo('PowerOnNode', { uid: '3' })).toEqual({ via: 'control', method: 'POST', path: '/nodes/3/power' });
    expect(requestTo('JoinNode')).toEqual({ via: 'host', method: 'POST', path: '/v1/bootstrap/join_cluster' });
  });

  it('refuses to build a path without the value it needs, and a request for what only the cluster issues', () => {
    expect(() => requestTo('DeleteDatabase')).toThrow('needs {uid}');
    expect(() => requestFormOf('CompleteNodeRemoval')).toThrow('issued by the cluster itself');
  });

  it('reads as a person writes the request, the control protocol under /control/v1', () => {
    expect(describeSource(SOURCES.SetNodeAddress[0]!)).toBe('PUT /v1/nodes/{uid} addr');
    expect(describeSource(SOURCES.PowerOnNode[0]!)).toBe('POST /control/v1/nodes/{uid}/power state=up');
    expect(describeSource(SOURCES.CompleteDatabaseAction[0]!)).toBe('(the database action finishes)');
  });

  it('gives every command a source, and every command a client can send a request', () => {
    for (const [type, sources] of Object.entries(SOURCES)) {
      expect(sources.length, type).toBeGreaterThan(0);
      for (const s of sources) if (s.via !== 'cluster') expect(s.path, type).toMatch(/^\//);
    }
  });
});
