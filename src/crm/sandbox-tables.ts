// Tables of the sandbox that SuperOffice's documented schema has no counterpart for:
// - attachment_content: SuperOffice keeps an attachment's content in a file beside the database,
//   the sandbox keeps it in a table;
// - mail_bomb: the spam control's value per e-mail address (checkReply; the algorithm's settings
//   are config's mb_max_value, mb_threshold and mb_modifier);
// - chat_topic, chat_session, chat_message: the chat channels, their sessions and messages. The
//   reference documents no chat tables; the columns are the properties of NetServer's
//   NSChatTopicEntity, NSChatSessionEntity and NSChatMessage (what CRMScript reads and writes),
//   plus the store folder that holds a topic's chatbot scripts (`crmscript-tui chat`);
// - document_archive: the stand-in for SuperOffice's document archive (SO_ARC, the folder of
//   files beside the database): the content of documents (document_id) and of document templates
//   (doctmpl_id, per language; mail templates by template_name), base64 in `data`, with `size`
//   its bytes. A document's committed versions are numbered from 1 (`version`, with the check-in
//   description and extra fields); a row with `working` = 1 is the copy of a checked-out document,
//   `associate_id` who checked it out (for versions: who checked them in). Kept in the database so
//   that every machine sharing a PostgreSQL sandbox sees the same files (document-archive.ts).
// - webhook_error: the most recent error each webhook's calls got (NSWebhookAgent.GetLastError);
//   SuperOffice's webhook table "tracks call and error statistics" in columns it does not document.
// - document_key: the secret of a document's URL (NSDocumentAgent.GetDocumentUrl), which the
//   daemon serves the document's content at (src/daemon/document-downloads.ts); one is made the
//   first time a URL is asked for the document. SuperOffice hands out such URLs from its document
//   plugin and keeps nothing documented for them.
import type { CrmColumn } from '../interp/runtime/crm-service.js';

export interface SandboxTable {
  name: string;
  columns: CrmColumn[];
  indexes: string[][];
}

const pk = (name = 'id'): CrmColumn => ({ name, type: 'PK', nullable: false });
const fk = (name: string, references: string): CrmColumn => ({ name, type: 'FK', nullable: true, references });
const col = (type: string) => (name: string): CrmColumn => ({ name, type, nullable: true });
const text = col('String');
const int = col('Int');
const bool = col('Bool');
const when = col('DateTime');

export const SANDBOX_TABLES: SandboxTable[] = [
  {
    name: 'attachment_content',
    columns: [pk(), fk('attachment_id', 'attachment'), text('data')],
    indexes: [['attachment_id']],
  },
  {
    name: 'document_archive',
    columns: [
      pk(),
      fk('document_id', 'document'),
      fk('doctmpl_id', 'DocTmpl'),
      text('template_name'),
      text('language'),
      int('version'),
      bool('working'),
      text('description'),
      text('extra_fields'),
      fk('associate_id', 'associate'),
      when('registered'),
      int('size'),
      text('data'),
    ],
    indexes: [['document_id'], ['doctmpl_id'], ['template_name']],
  },
  {
    name: 'mail_bomb',
    columns: [pk(), text('email'), int('value'), when('updated')],
    indexes: [['email']],
  },
  {
    name: 'chat_topic',
    columns: [
      pk(),
      text('name'),
      text('description'),
      text('welcome_message'),
      bool('bot_enabled'),
      text('bot_name'),
      text('bot_folder'),
      bool('ticket_enabled'),
      fk('ticket_category', 'ej_category'),
      fk('ticket_priority', 'ticket_priority'),
      bool('opening_hours_enabled'),
      bool('collect_consent'),
      text('custom_queue_text'),
      bool('custom_queue_text_enabled'),
      text('badge_header'),
      text('alert_recipient'),
      int('warn_new_chat_minutes'),
      int('warn_manager_new_chat_minutes'),
      int('seconds_pr_accept'),
      when('last_accept'),
      when('registered'),
      fk('registered_associate_id', 'associate'),
      when('updated'),
      fk('updated_associate_id', 'associate'),
    ],
    indexes: [['name']],
  },
  {
    name: 'chat_session',
    columns: [
      pk(),
      fk('topic_id', 'chat_topic'),
      fk('user_id', 'associate'),
      fk('transfer_to', 'associate'),
      fk('person_id', 'person'),
      fk('contact_id', 'contact'),
      fk('project_id', 'project'),
      fk('sale_id', 'sale'),
      fk('ticket_id', 'ticket'),
      text('customer_alias'),
      text('customer_name'),
      text('customer_email'),
      text('customer_phone'),
      text('customer_company_name'),
      text('customer_host'),
      bool('customer_consented'),
      text('session_key'),
      int('status'),
      int('flags'),
      int('rank'),
      int('alert_level'),
      int('initial_queue_pos'),
      bool('chatbot_isactive'),
      text('first_message'),
      text('last_message'),
      when('when_requested'),
      when('when_started'),
      when('when_fetched'),
      when('when_idle'),
      when('when_ended'),
    ],
    indexes: [['status']],
  },
  {
    name: 'chat_message',
    columns: [
      pk(),
      fk('session_id', 'chat_session'),
      int('type'),
      text('message'),
      text('author'),
      int('special_type'),
      text('special_param'),
      int('read_by_customer'),
      when('when_posted'),
    ],
    indexes: [],
  },
  {
    name: 'document_key',
    columns: [pk(), fk('document_id', 'document'), text('auth_key'), when('registered')],
    indexes: [['document_id']],
  },
  {
    name: 'webhook_error',
    columns: [pk(), fk('webhook_id', 'webhook'), text('error'), when('happened')],
    indexes: [['webhook_id']],
  },
];

/** The chat tables, in the order they are created (each refers only to those before it). */
export const CHAT_TABLES = ['chat_topic', 'chat_session', 'chat_message'] as const;
