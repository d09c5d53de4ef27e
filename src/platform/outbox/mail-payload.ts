import { z } from 'zod';

/** No line breaks in a header value (they would let a value add its own headers). */
const oneLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => !/[\r\n]/.test(v), 'must be one line');

/** The payload of an outbox row of kind 'mail': what the mailer sends and mail_messages keeps. */
export const mailPayload = z.object({
  to: z.array(z.email().max(320)).min(1).max(1000),
  subject: oneLine(998),
  text: z.string().max(1_000_000),
  html: z.string().max(2_000_000).nullish(),
  /** An iCalendar object (RFC 5545); sent as a text/calendar alternative and an .ics attachment. */
  icalendar: z.string().max(1_000_000).nullish(),
});

export type MailContent = z.output<typeof mailPayload>;
export type MailInput = z.input<typeof mailPayload>;

export const MAIL_KIND = 'mail';
