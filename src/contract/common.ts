import { z } from 'zod';

/** Every entity id is a UUID; a malformed id is a validation error, an unknown one a 404. */
export const IdSchema = z.uuid({ error: 'Must be a valid id' });

export const IdParamSchema = z.object({ id: IdSchema });

/** Timestamps travel as ISO-8601 strings in UTC. */
export const TimestampSchema = z.iso.datetime({ offset: true });
