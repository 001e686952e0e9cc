/**
 * hono, the web library the design card chose, as the web handler loads it: the app, the Lambda
 * adapter, the middleware and the JSX runtime its pages are written in. In the web floor, so the
 * ratio measures coffeechat's own code, not the card's choice of library.
 */
import { Hono } from "hono";
import { handle } from "hono/aws-lambda";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { Fragment, jsx } from "hono/jsx/jsx-runtime";

export const hono = { Hono, handle, bodyLimit, HTTPException, Fragment, jsx };
