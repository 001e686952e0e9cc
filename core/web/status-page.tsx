import type { Child } from "hono/jsx";
import { Layout } from "./layout.js";
import type { MoreLinks, StatusSection } from "./status-reads.js";
import type {
  ContactRow,
  FailedPromptRow,
  MeetingRow,
  PromptRow,
  ReferralNode,
  SettingsView,
  StatusView,
} from "./status-view.js";

export interface StatusPageProps {
  view: StatusView;
  /** `/s/<token>`: where the page and its forms live. */
  basePath: string;
  /** The hidden field every action form carries. */
  formToken: string;
  flash: string | null;
}

export function StatusPage({ view, basePath, formToken, flash }: StatusPageProps) {
  const form = { basePath, formToken };
  return (
    <Layout title="Your coffee chats · coffeechat">
      <h1>Your coffee chats</h1>
      {flash ? (
        <p class="flash" role="status">
          {flash}
        </p>
      ) : null}
      {view.settings.paused ? (
        <p class="flash" role="status">
          Prompts are paused: nothing is emailed until you resume.
        </p>
      ) : null}

      <section id="prompts">
        <h2>Coming up from coffeechat</h2>
        {view.upcomingPrompts.length === 0 ? (
          <p class="empty">No follow-ups scheduled.</p>
        ) : (
          <ul class="cards">
            {view.upcomingPrompts.map((prompt) => (
              <PromptCard prompt={prompt} {...form} />
            ))}
          </ul>
        )}
        <MoreLink basePath={basePath} more={view.more} section="prompts" anchor="prompts" />
      </section>

      {view.failedPrompts.length > 0 ? (
        <section id="failed-prompts">
          <h2>Could not be sent</h2>
          <ul class="cards">
            {view.failedPrompts.map((prompt) => (
              <FailedPromptCard prompt={prompt} {...form} />
            ))}
          </ul>
        </section>
      ) : null}

      <section id="upcoming-meetings">
        <h2>Upcoming meetings</h2>
        <MeetingList meetings={view.upcomingMeetings} empty="No meetings coming up." />
        <MoreLink basePath={basePath} more={view.more} section="upcoming" anchor="upcoming-meetings" />
      </section>

      <section id="contacts">
        <h2>People by stage</h2>
        {view.stages.map((stage) => (
          <div id={`stage-${stage.stage}`}>
            <h3>
              {stage.label} <span class="muted">({stage.contacts.length})</span>
            </h3>
            {stage.contacts.length === 0 ? (
              <p class="empty">Nobody here.</p>
            ) : (
              <ul>
                {stage.contacts.map((contact) => (
                  <ContactItem contact={contact} />
                ))}
              </ul>
            )}
            <MoreLink
              basePath={basePath}
              more={view.more}
              section={stage.stage}
              anchor={`stage-${stage.stage}`}
            />
          </div>
        ))}
      </section>

      <section id="past-meetings">
        <h2>Past meetings</h2>
        <MeetingList meetings={view.pastMeetings} empty="No meetings yet." />
        <MoreLink basePath={basePath} more={view.more} section="past" anchor="past-meetings" />
      </section>

      <section id="referrals" class="tree">
        <h2>Referral chain</h2>
        <p class="muted">Among the people shown on this page.</p>
        {view.referralTree.length === 0 ? (
          <p class="empty">
            No referrals logged yet. Reply referral: Name &lt;address&gt; to a prompt to log one.
          </p>
        ) : (
          <ReferralList nodes={view.referralTree} />
        )}
      </section>

      <section id="settings">
        <h2>Settings</h2>
        <Settings settings={view.settings} {...form} />
        <p>
          <a href={`${basePath}/calendar.ics`}>Calendar feed</a>{" "}
          <span class="muted">(subscribe to it in your calendar app)</span>
        </p>
      </section>
    </Layout>
  );
}

/** "More" under a section that goes on: the same page, that section from where this one stopped. */
function MoreLink(props: { basePath: string; more: MoreLinks; section: StatusSection; anchor: string }) {
  const after = props.more[props.section];
  if (!after) return null;
  const query = new URLSearchParams({ more: props.section, after });
  return (
    <p class="more">
      <a href={`${props.basePath}?${query}#${props.anchor}`}>More</a>
    </p>
  );
}

interface FormTarget {
  basePath: string;
  formToken: string;
}

function ActionForm(props: FormTarget & { path: string; label: string; children?: Child }) {
  return (
    <form method="post" action={`${props.basePath}${props.path}`}>
      <input type="hidden" name="csrf" value={props.formToken} />
      {props.children}
      <button type="submit">{props.label}</button>
    </form>
  );
}

function PromptCard(props: FormTarget & { prompt: PromptRow }) {
  const { prompt } = props;
  const path = (action: string) => `/prompts/${encodeURIComponent(prompt.id)}/${action}`;
  return (
    <li class="card" id={`prompt-${prompt.id}`}>
      <div>
        <strong>{prompt.label}</strong>
      </div>
      <div class="muted">
        <time datetime={prompt.dueAt}>{prompt.dueLocal}</time>
      </div>
      <div class="actions">
        <ActionForm {...props} path={path("done")} label="Done" />
        <ActionForm {...props} path={path("snooze")} label="Snooze">
          <label>
            <span class="muted">days </span>
            <input type="number" name="days" min="1" max="90" value="3" required />
          </label>
        </ActionForm>
        <ActionForm {...props} path={path("skip")} label="Skip" />
        {prompt.canStop ? <ActionForm {...props} path={path("stop")} label="Stop" /> : null}
      </div>
    </li>
  );
}

/** A prompt that may not have arrived: why, and a way to get it again. */
function FailedPromptCard(props: FormTarget & { prompt: FailedPromptRow }) {
  const { prompt } = props;
  return (
    <li class="card" id={`failed-${prompt.id}`}>
      <div>
        <strong>{prompt.label}</strong>
      </div>
      <div class="muted">
        Due <time datetime={prompt.dueAt}>{prompt.dueLocal}</time>: {prompt.reason}.
      </div>
      <div class="actions">
        <ActionForm {...props} path={`/prompts/${encodeURIComponent(prompt.id)}/snooze`} label="Send again">
          <input type="hidden" name="days" value="1" />
        </ActionForm>
      </div>
    </li>
  );
}

function MeetingList(props: { meetings: MeetingRow[]; empty: string }) {
  if (props.meetings.length === 0) return <p class="empty">{props.empty}</p>;
  return (
    <ul class="cards">
      {props.meetings.map((meeting) => (
        <li class="card" id={`meeting-${meeting.id}`}>
          <div>
            <strong>{meeting.with}</strong>
            {meeting.company ? <span class="muted"> · {meeting.company}</span> : null}
            {meeting.status === "scheduled" ? null : <span class="tag">{meeting.statusLabel}</span>}
          </div>
          <div class="muted">
            <time datetime={meeting.start}>{meeting.when}</time>
          </div>
          {meeting.title ? <div>{meeting.title}</div> : null}
          {meeting.location ? <div class="muted">{meeting.location}</div> : null}
          <Notes notes={meeting.notes} hidden={meeting.hiddenNotes} />
        </li>
      ))}
    </ul>
  );
}

function ContactItem({ contact }: { contact: ContactRow }) {
  return (
    <li id={`contact-${contact.email}`}>
      <strong>{contact.displayName}</strong>
      {contact.company ? <span class="muted"> · {contact.company}</span> : null}
      {contact.hiringManager ? <span class="tag">hiring manager</span> : null}
      {contact.stopped ? <span class="tag">stopped</span> : null}
      <div class="muted">
        {contact.email} · last contact {contact.lastContact}
        {contact.referredBy ? ` · referred by ${contact.referredBy}` : ""}
      </div>
      <Notes notes={contact.notes} hidden={contact.hiddenNotes} />
    </li>
  );
}

function Notes(props: { notes: string[]; hidden: number }) {
  if (props.notes.length === 0) return null;
  return (
    <ul>
      {props.notes.map((note) => (
        <li>{note}</li>
      ))}
      {props.hidden > 0 ? (
        <li class="muted">
          {props.hidden === 1 ? "1 earlier note" : `${props.hidden} earlier notes`} not shown (reply export to
          get them all)
        </li>
      ) : null}
    </ul>
  );
}

function ReferralList({ nodes }: { nodes: ReferralNode[] }) {
  return (
    <ul>
      {nodes.map((node) => (
        <li>
          {node.displayName}
          {node.company ? <span class="muted"> · {node.company}</span> : null}
          {node.hiringManager ? <span class="tag">hiring manager</span> : null}
          {node.children.length > 0 ? <ReferralList nodes={node.children} /> : null}
        </li>
      ))}
    </ul>
  );
}

function Settings(props: FormTarget & { settings: SettingsView }) {
  const { settings } = props;
  return (
    <>
      <dl>
        <dt>Time zone</dt>
        <dd>{settings.timeZone}</dd>
        <dt>Prompt hour</dt>
        <dd>{settings.promptHour}</dd>
        <dt>Check-in cadence</dt>
        <dd>
          every {settings.cadenceMonths} {settings.cadenceMonths === 1 ? "month" : "months"}
        </dd>
        <dt>Prompts</dt>
        <dd>{settings.paused ? "paused" : settings.bouncing ? "held (your address bounced)" : "active"}</dd>
        {settings.landed ? (
          <>
            <dt>Landed</dt>
            <dd>
              {settings.landed.company}, {settings.landed.on}
            </dd>
          </>
        ) : null}
      </dl>
      <div class="actions">
        {settings.paused ? (
          <ActionForm {...props} path="/resume" label="Resume prompts" />
        ) : (
          <ActionForm {...props} path="/pause" label="Pause all prompts" />
        )}
      </div>
      <p class="muted">Change these by mail to your inbox address: tz Europe/Berlin, hour 8, cadence 3m.</p>
    </>
  );
}
