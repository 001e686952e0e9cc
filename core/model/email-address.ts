import * as v from "valibot";

/**
 * An address in the settings (the users, the alarm address), with the syntax they have always
 * accepted: wider than `v.email()`, which refuses an apostrophe (o'brien@example.com).
 */
const EMAIL = /^(?:[\w'+-]+\.)*[\w'+-]*[\w+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

export const EmailAddress = v.pipe(v.string(), v.regex(EMAIL, "Invalid email address"));
