import * as z from "zod/mini";

/**
 * An address in the settings (the users, the alarm address), with the syntax they have always
 * accepted, apostrophes included (o'brien@example.com). Written out rather than `z.email()`, so
 * that a zod upgrade cannot change which settings are valid.
 */
const EMAIL = /^(?:[\w'+-]+\.)*[\w'+-]*[\w+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

export const EmailAddress = z.string().check(z.regex(EMAIL, "Invalid email address"));
