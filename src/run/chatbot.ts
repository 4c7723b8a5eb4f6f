// A chatbot is a folder of scripts named by SuperOffice's patterns: a "… bot … register …" script
// marks the folder as a bot, and "… bot … session … create …", "… bot … session … change …" and
// "… bot … message … receive …" scripts are run when a session starts, changes status and
// receives a message from the customer. Names are matched like SQL LIKE '%bot%register%', any
// case; the first match in name order is used.
import type { Script, StoreData } from '../store/schema.js';
import { findFolderByPath, folderPath } from '../store/repos.js';

export type BotRole = 'register' | 'sessionCreated' | 'sessionChanged' | 'messageReceived';

const PATTERNS: Record<BotRole, RegExp> = {
  register: /bot.*register/i,
  sessionCreated: /bot.*session.*create/i,
  sessionChanged: /bot.*session.*change/i,
  messageReceived: /bot.*message.*receive/i,
};

/** What each script is for, in the words of the chatbot documentation. */
export const BOT_ROLE_NAMES: Record<BotRole, string> = {
  register: 'bot register',
  sessionCreated: 'bot session created',
  sessionChanged: 'bot session changed',
  messageReceived: 'bot message received',
};

export interface Chatbot {
  /** The folder's path, as `scripts list` shows it. */
  folder: string;
  /** The folder's own name (the bot's default name). */
  name: string;
  scripts: Partial<Record<BotRole, Script>>;
}

/** The bot in the folder at `path`; null when there is no such folder. */
export function findChatbot(d: StoreData, path: string): Chatbot | null {
  const folder = findFolderByPath(d, path);
  if (!folder) return null;
  const inFolder = d.scripts.filter((s) => s.folderId === folder.id).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const scripts: Chatbot['scripts'] = {};
  for (const role of Object.keys(PATTERNS) as BotRole[]) {
    const s = inFolder.find((x) => PATTERNS[role].test(x.name));
    if (s) scripts[role] = s;
  }
  return { folder: folderPath(d, folder.id), name: folder.name, scripts };
}
