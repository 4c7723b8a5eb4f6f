// NSAssociateAgent's methods the sandbox cannot make real: an associate's notepad pages (the
// associate table has no column for them and SuperOffice documents no table that keeps them) and
// logging off users of the Windows client (the sandbox has no client sessions).
import { lacking, type Methods } from './define.js';

export const associateLacking: Methods = {
  ...lacking('NSAssociateAgent', "the sandbox CRM keeps no notepad pages of associates (neither the associate table nor another documented table holds them)", ['GetNote(Integer)', 'SaveNote(Integer,String[])']),
  ...lacking('NSAssociateAgent', 'the sandbox has no Windows client sessions to log off', ['LogOffWindowsUsers(Integer[])']),
};
