// The store-wide settings: tracing switch, SMTP, host features a script may use, run limits.
import { z } from 'zod';

export const smtpSchema = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  secure: z.boolean(),
  user: z.string(),
  password: z.string(),
  from: z.string(),
});

export const featuresSchema = z.object({
  runProgram: z.boolean().default(false),
  file: z.boolean().default(false),
  /** The directory the File class is confined to; '' = <data dir>/files. */
  fileDirectory: z.string().default(''),
  http: z.boolean().default(false),
});

export const settingsSchema = z.object({
  /** The global "Start/Stop tracing scripts" switch. */
  tracingEnabled: z.boolean().default(false),
  smtp: smtpSchema.nullable().default(null),
  /** Host access a script gets; all off unless the operator turns them on. */
  features: featuresSchema.default({ runProgram: false, file: false, fileDirectory: '', http: false }),
  runTimeoutSeconds: z.number().positive().default(60),
  memoryLimitMb: z.number().int().positive().default(256),
  /** What one run may print (and, separately, log), in MB. */
  outputLimitMb: z.number().positive().default(16),
  /** Mails one run may send (Email.send, the macro action). */
  mailsPerRun: z.number().int().positive().default(100),
  /** Script runs the daemon's HTTP API runs at once; more get 503 with Retry-After. */
  httpRunsMax: z.number().int().positive().default(4),
  /**
   * The installation's public base URL, SuperOffice's config cgiUrl: what getCgiUrl gives a web
   * endpoint script; '' = taken from each request (its Host header, which the client chooses).
   */
  cgiUrl: z.string().default(''),
});

export type SmtpSettings = z.infer<typeof smtpSchema>;
export type Features = z.infer<typeof featuresSchema>;
export type Settings = z.infer<typeof settingsSchema>;

export function defaultSettings(): Settings {
  return settingsSchema.parse({});
}
