import { z } from 'zod';

/** Environment booleans accept 1/0, true/false, yes/no, on/off. */
export const envBoolean = (fallback: boolean) =>
  z
    .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''])
    .optional()
    .transform((value) =>
      value === undefined || value === '' ? fallback : ['1', 'true', 'yes', 'on'].includes(value),
    );

/** An optional string where an empty value means "not set". */
export const optionalString = () =>
  z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

export const envInt = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/** Formats zod issues as "NAME: problem" lines, so a bad variable is named. */
export function describeEnvIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`)
    .join('\n');
}

export class ConfigError extends Error {
  constructor(details: string) {
    super(`Invalid configuration:\n${details}`);
    this.name = 'ConfigError';
  }
}

export function parseEnv<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv): z.output<T> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new ConfigError(describeEnvIssues(parsed.error));
  return parsed.data;
}

/** Loads a configuration at start-up; a bad one prints what is wrong and exits (EX_CONFIG). */
export function loadConfigOrExit<T>(load: (env: NodeJS.ProcessEnv) => T): T {
  try {
    return load(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(78);
  }
}
