// `crmscript-tui chat`: talk to a chat channel of the sandbox CRM as a customer. The channel's
// chatbot (a folder of scripts, see run/chatbot.ts) answers, and the chat triggers fire, as in
// SuperOffice; what the bot and the users post is printed as it appears in the CRM.
import type { Command } from 'commander';
import { createInterface } from 'node:readline';
import type { Store } from '../store/store.js';
import { action, fail, out } from './common.js';
import { ChatSession, type ChatLine } from '../run/chat.js';

const collect = (value: string, acc: string[]): string[] => [...acc, value];

interface ChatFlags {
  topic?: string;
  bot?: string | false;
  botName?: string;
  name?: string;
  email?: string;
  session?: string;
  preChatForm?: boolean;
  user?: string;
  say: string[];
}

/** How a line of the chat is printed: "Author: text", "· note", problems on stderr. */
function show(line: ChatLine): void {
  if (line.kind === 'note') return out(`· ${line.text}`);
  if (line.kind === 'problem') {
    fail();
    process.stderr.write(`chat: ${line.text}\n`);
    return;
  }
  const options = line.specialParam ? ` [${line.specialParam}]` : '';
  const later = line.at > localNow() ? ` (posted for ${line.at})` : '';
  out(`${line.author || '(no name)'}: ${line.text}${options}${later}`);
}

/** Now as the CRM writes times ('YYYY-MM-DD hh:mm:ss', local time). */
function localNow(): string {
  const d = new Date();
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

export function registerChatCommand(program: Command, openStore: () => Promise<Store>): void {
  program
    .command('chat')
    .description("chat with a channel of the sandbox CRM as a customer: its chatbot's scripts answer and the chat triggers fire")
    .option('--topic <id|name>', 'the channel (chat_topic; default: the first)')
    .option('--bot <folder>', "make the chatbot scripts of this store folder the channel's bot (runs its register script)")
    .option('--no-bot', 'take the chatbot off the channel (runs its register script with action "unregister")')
    .option('--bot-name <name>', "the bot's name, with --bot (default: the folder's name)")
    .option('--name <name>', "the customer's name", 'Customer')
    .option('--email <address>', "the customer's e-mail address (a person with it is linked to the session)")
    .option('--pre-chat-form', 'start the session in the pre-chat form (status 1): the customer fills it in, then it goes to the queue')
    .option('--session <id>', 'go on with this session instead of starting one')
    .option('--user <login>', 'the CRM user the scripts act as (default: the sandbox default user)')
    .option('--say <text>', 'a message of the customer (repeatable; without it, messages are read from stdin, one a line)', collect, [])
    .addHelpText('after', '\nOn a terminal each line you type is a message; an empty line is skipped; Ctrl+D ends.\nThe session stays in the CRM (crm show chat_session, crm show chat_message).')
    .action(
      action(async (o: ChatFlags) => {
        const session = o.session === undefined ? undefined : Number(o.session);
        if (session !== undefined && !(Number.isInteger(session) && session > 0)) throw new Error(`--session takes a session id (a whole number), not '${o.session}'`);
        const store = await openStore();
        const chat = await ChatSession.open(store, {
          topic: o.topic,
          bot: typeof o.bot === 'string' ? o.bot : undefined,
          noBot: o.bot === false,
          botName: o.botName,
          customer: { name: o.name, email: o.email },
          session,
          preChatForm: !!o.preChatForm,
          crmUser: o.user ?? '',
          user: process.env.USER ?? '',
          onLine: show,
          // typed on a terminal the message is on the screen already
          echo: o.say.length > 0 || process.stdin.isTTY !== true,
        });
        if (o.say.length) {
          for (const text of o.say) if (!chat.ended) await chat.send(text);
          return;
        }
        const tty = process.stdin.isTTY === true;
        const rl = createInterface({ input: process.stdin, output: tty ? process.stdout : undefined, terminal: tty });
        const prompt = (): void => {
          if (tty && !chat.ended) rl.prompt();
        };
        rl.setPrompt('you> ');
        prompt();
        let ended = false;
        for await (const text of rl) {
          if (text.trim()) await chat.send(text);
          if ((ended = chat.ended)) break;
          prompt();
        }
        rl.close();
        // Ctrl+D leaves the cursor after the prompt
        if (tty && !ended) out('');
      }),
    );
}
