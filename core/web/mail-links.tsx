import { Hono } from "hono";
import type { Deps } from "../deps.js";
import { tokenHash } from "../ids.js";
import { Layout, MessagePage, notFoundPage } from "./layout.js";
import { type RunCommands, webCommands } from "./web-commands.js";

/**
 * Links that arrive in mail: one-click unsubscribe (RFC 8058) and address confirmation.
 * GET only shows a button — mail scanners fetch links — and the POST does the work.
 */
export function mailLinks(deps: Deps, runCommands: RunCommands): Hono {
  const app = new Hono();

  app.get("/u/:token", async (c) => {
    const record = await deps.store.findToken(tokenHash(c.req.param("token")));
    if (record?.kind !== "reply") return c.html(notFoundPage(), 404);
    return c.html(
      <ConfirmPage
        title="Pause coffeechat?"
        message="No more prompts will be emailed until you reply “resume” to any coffeechat mail or use your status page."
        button="Pause all prompts"
      />,
    );
  });

  // A mail client's one-click unsubscribe posts here with no cookie and no form token: the
  // unguessable token in the path is the credential. Pausing twice is harmless.
  app.post("/u/:token", async (c) => {
    const record = await deps.store.findToken(tokenHash(c.req.param("token")));
    if (record?.kind !== "reply") return c.html(notFoundPage(), 404);
    await runCommands(deps, webCommands(record.userId, null, [{ verb: "pause" }]));
    return c.html(
      <MessagePage title="Paused" message="coffeechat will not email you prompts until you resume." />,
    );
  });

  app.get("/a/:token", (c) =>
    c.html(
      <ConfirmPage
        title="Add this address to coffeechat?"
        message="Mail you send from this address will then be logged like mail from your main address."
        button="Confirm this address"
      />,
    ),
  );

  app.post("/a/:token", async (c) => {
    // Rare: loaded when an address is confirmed, not with every page.
    const { confirmAddress } = await import("../usecases/confirm-address.js");
    const outcome = await confirmAddress(deps, c.req.param("token"));
    return outcome === "confirmed"
      ? c.html(<MessagePage title="Address confirmed" message="Mail from this address is now logged too." />)
      : c.html(
          <MessagePage
            title="Link not valid"
            message="This link has expired or was already used. Ask again with “address add”."
          />,
          404,
        );
  });

  return app;
}

function ConfirmPage(props: { title: string; message: string; button: string }) {
  return (
    <Layout title={props.title}>
      <h1>{props.title}</h1>
      <p>{props.message}</p>
      <form method="post">
        <button type="submit">{props.button}</button>
      </form>
    </Layout>
  );
}
