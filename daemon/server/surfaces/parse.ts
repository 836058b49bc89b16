// Request bodies are checked against a loose schema (unknown fields are fine: clients send many); a wrong shape is
// AIRLOCK_E_INPUT naming the field, which each surface turns into its own 400.
import type { z } from 'zod';
import { AirlockError } from '../../../protocol/errors';

export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new AirlockError('AIRLOCK_E_INPUT', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}
