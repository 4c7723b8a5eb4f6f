// The demo data's chat: one channel (topic) on the support pages, without a bot, and one finished
// session of a customer with its messages (type 2: from the customer, 1: to the customer).
import type { CrmValue } from '../interp/runtime/crm-service.js';

type Row = Record<string, CrmValue>;

export function seedChat(ins: (table: string, rows: Row[]) => void, registered: string): void {
  ins('chat_topic', [
    {
      id: 1,
      name: 'Website chat',
      description: 'The chat on the support pages',
      welcome_message: 'Welcome to Sandbox support! How can we help?',
      bot_enabled: 0,
      ticket_enabled: 1,
      ticket_category: 1,
      ticket_priority: 2,
      seconds_pr_accept: 60,
      registered,
      registered_associate_id: 1,
    },
  ]);
  ins('chat_session', [
    {
      id: 1,
      topic_id: 1,
      user_id: 2,
      person_id: 5,
      contact_id: 2,
      customer_alias: 'Nina',
      customer_name: 'Nina Hansen',
      customer_email: 'nina@nordicbikes.example',
      customer_company_name: 'Nordic Bikes AS',
      customer_host: '203.0.113.7',
      session_key: 'demo-0001',
      status: 7,
      chatbot_isactive: 0,
      first_message: 'Hi, my bike computer shows no speed.',
      last_message: 'Thanks, that fixed it!',
      when_requested: '2025-03-10 10:00:00',
      when_started: '2025-03-10 10:01:00',
      when_ended: '2025-03-10 10:06:00',
    },
  ]);
  const msg = (id: number, type: number, author: string, message: string, at: string): Row => ({ id, session_id: 1, type, author, message, special_type: 0, special_param: '', read_by_customer: 1, when_posted: at });
  ins('chat_message', [
    msg(1, 2, 'Nina Hansen', 'Hi, my bike computer shows no speed.', '2025-03-10 10:00:00'),
    msg(2, 1, 'Bob Berg', 'Is the magnet on the spoke lined up with the sensor?', '2025-03-10 10:02:00'),
    msg(3, 2, 'Nina Hansen', 'Thanks, that fixed it!', '2025-03-10 10:05:00'),
  ]);
}
