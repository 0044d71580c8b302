import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FaultKind } from './fault-spec.ts';

export interface RequestNote {
  fault?: FaultKind;
  detail?: string;
}

const notes = new WeakMap<FastifyRequest, RequestNote>();

/** Remembers, for the request log, which fault shaped an answer or why a request was refused. */
export function noteOn(request: FastifyRequest, note: RequestNote): void {
  notes.set(request, { ...notes.get(request), ...note });
}

export function noteOf(request: FastifyRequest): RequestNote {
  return notes.get(request) ?? {};
}

/** Profit's 4xx answers have no body (the spec lists `Content-Length: 0`, `application/xml`). */
export function sendEmpty(reply: FastifyReply, status: number): FastifyReply {
  return reply.code(status).type('application/xml').send('');
}
