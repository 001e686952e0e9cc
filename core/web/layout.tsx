import type { Child } from "hono/jsx";
import { PAGE_STYLE } from "./page-style.js";

/** The shell of every page: no script, no external asset, one hashed inline style. */
export function Layout(props: { title: string; children: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{props.title}</title>
        {/* Raw on purpose: the CSP allows this exact text by hash, and it holds no markup characters. */}
        <style dangerouslySetInnerHTML={{ __html: PAGE_STYLE }} />
      </head>
      <body>
        <main>{props.children}</main>
      </body>
    </html>
  );
}

export function HomePage() {
  return (
    <Layout title="coffeechat">
      <h1>coffeechat</h1>
      <p>
        coffeechat keeps track of your informational interviews. Forward your outreach mails and calendar
        invites to your coffeechat inbox address; it logs each person and meeting and emails you prep notes,
        thank-you drafts, referral asks and check-ins at the right time.
      </p>
      <p>
        Your status page lives at the private link in any coffeechat mail. Reply <code>status</code> to any
        coffeechat mail for a summary and the link, or <code>new link</code> if a link got out.
      </p>
    </Layout>
  );
}

export function MessagePage(props: { title: string; message: string }) {
  return (
    <Layout title={`${props.title} · coffeechat`}>
      <h1>{props.title}</h1>
      <p>{props.message}</p>
    </Layout>
  );
}

/** One body for every unusable link, whatever the reason. */
export const notFoundPage = () => (
  <MessagePage
    title="Link not found"
    message="This link does not work (any more). Reply status to any coffeechat mail to get a fresh one."
  />
);
