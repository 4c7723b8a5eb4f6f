// Agent methods of NSAssociateAgent and NSUserAgent the sandbox cannot make real, failing with
// what it lacks: an associate's notepad pages (the associate table has no column for them and
// SuperOffice documents no table that keeps them), logging off users of the Windows client,
// licences, owner contacts (no OwnerContactLink table) and the groups and users of credential
// providers with link controls (the sandbox's only credential type is its password).
import { lacking, type Methods } from './define.js';

export const associateLacking: Methods = {
  ...lacking('NSAssociateAgent', 'the sandbox CRM keeps no notepad pages of associates (neither the associate table nor another documented table holds them)', ['GetNote(Integer)', 'SaveNote(Integer,String[])']),
  ...lacking('NSAssociateAgent', 'the sandbox has no Windows client sessions to log off', ['LogOffWindowsUsers(Integer[])']),
};

export const userLacking: Methods = {
  ...lacking('NSUserAgent', 'the sandbox grants no licences (it has no license tables)', ['RemoveLicenses(Integer)']),
  ...lacking('NSUserAgent', 'the sandbox CRM has no OwnerContactLink table (the companies that own the database)', ['AddOwnerContact(Integer)', 'RemoveOwnerContact(Integer)']),
  ...lacking('NSUserAgent', 'the sandbox has no credential provider with groups and users (its only credential type is the SoPassword password)', [
    'GetCredentialsGroups(Integer)',
    'FindCredentialsGroups(String,String)',
    'FindCredentialUsers(String,String)',
    'GetCredentialUsers(String,String)',
    'GetCredentialUsersInGroup(String,String)',
  ]),
};
