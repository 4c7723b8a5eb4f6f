// NSConfigurationAgent's methods over what the sandbox CRM does not have: the configuration of
// SuperOffice's web client (the application, page, filter and object mapping XML that the web
// client's configuration files and the database's cache of them hold) and the e-mail client's
// setting of how many days back it fetches mail. Each fails saying what is missing.
import { lacking, type Methods } from './define.js';

const CONFIG = 'NSConfigurationAgent';

export const configLacks: Methods = {
  ...lacking(CONFIG, "the sandbox CRM has no web client configuration (the application, page, filter and object mapping XML of SuperOffice's web client, nor the cache of it)", [
    'GetAnyConfiguration(String,String,String,String)',
    'GetApplicationConfiguration(String,String)',
    'GetFilterList(String,String)',
    'GetObjectMapping(String,String)',
    'GetPageConfiguration(String,String,String)',
    'GetRefreshedPageConfiguration(String,String,String)',
    'ClearConfigurationCache(String,String,Bool)',
  ]),
  ...lacking(CONFIG, "the sandbox CRM has no e-mail client, so no setting of how many days back it fetches mail", ['GetEmailNumberOfDays()']),
};
