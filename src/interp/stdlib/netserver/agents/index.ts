// The NetServer agents implemented over the sandbox CRM, by class name. An agent method with no
// implementation here type-checks and fails when called: "NSXAgent.Method is not available in
// crmscript-tui".
import type { NativeClass } from '../../registry.js';
import type { MemberSig } from '../carrier.js';
import type { Methods } from './define.js';
import { contactAgent, personAgent } from './contact-person.js';
import { contactExtra } from './contact-extra.js';
import { quoteAddresses } from './quote-addresses.js';
import { personExtra } from './person-extra.js';
import { consentLists, personConsents } from './consents.js';
import { projectAgent, saleAgent } from './sale-project.js';
import { saleExtra } from './sale-extra.js';
import { projectExtra } from './project-extra.js';
import { projectMerge } from './project-merge.js';
import { appointmentAgent, documentAgent } from './appointment-document.js';
import { appointmentLists } from './appointment-lists.js';
import { appointmentStatus } from './appointment-status.js';
import { appointmentBookings } from './appointment-bookings.js';
import { appointmentExtra } from './appointment-extra.js';
import { documentExtra } from './document-extra.js';
import { documentFileMethods } from './document-files.js';
import { documentTemplates, listTemplateFiles } from './document-templates.js';
import { documentTempFiles } from './document-temp-files.js';
import { documentUrls } from './document-urls.js';
import { listAgent, listGetters, quoteAgent } from './quote-list.js';
import { quoteVersions } from './quote-versions.js';
import { quoteProducts } from './quote-products.js';
import { quoteWorkflow } from './quote-workflow.js';
import { quoteDocuments } from './quote-documents.js';
import { quoteImages } from './quote-images.js';
import { quoteMissing } from './quote-missing.js';
import { quoteAttachments } from './quote-attachments.js';
import { quoteLineConfigs } from './quote-line-config.js';
import { associateAgent, preferenceAgent, ticketAgent } from './ticket-user-pref.js';
import { userMethods } from './users.js';
import { userInfoMethods } from './user-info.js';
import { roleMethods } from './roles.js';
import { dataRightMethods } from './data-rights.js';
import { credentialMethods } from './credentials.js';
import { ticketMessageAgent } from './ticket-message.js';
import { archiveAgent, findAgent } from './find-archive.js';
import { findStored } from './find-stored.js';
import { findCriteria } from './find-criteria.js';
import { archiveLists } from './archive-lists.js';
import { archiveConfig } from './archive-config.js';
import { chatAgent } from './chat.js';
import { chatTopicUsers } from './chat-users.js';
import { relationAgent, relationDefinitions } from './relations.js';
import { redLetterDays } from './red-letter.js';
import { mdoAgent } from './mdo.js';
import { selectionAgent } from './selection.js';
import { selectionMembers } from './selection-members.js';
import { selectionTasks } from './selection-tasks.js';
import { selectionCriteria } from './selection-criteria.js';
import { udefInfoAgent } from './udef-agent.js';
import { customFieldInfo } from './custom-field-info.js';
import { typedLists } from './typed-lists.js';
import { foreignSystemAgent } from './foreign-system.js';
import { blobAgent } from './blobs.js';
import { udLists } from './udlists.js';
import { udListLinks } from './udlist-links.js';
import { preferenceDescriptions } from './pref-descriptions.js';
import { preferenceExtra } from './pref-extra.js';
import { timeZoneAgent } from './timezones.js';
import { temporaryKeys } from './temporary-keys.js';
import { consentMail } from './consent-mail.js';
import { systemEvents } from './system-events.js';
import { diaryViews } from './diary-views.js';
import { windowPositions } from './window-pos.js';
import { configUrls, serviceUrls } from './config-urls.js';
import { configLacks } from './config-lacks.js';
import { resourceOverrides } from './resource-overrides.js';
import { navigatorAgent, numberingLacks } from './other-lacks.js';
import { webhookAgent } from './webhooks.js';
import { serviceSettings } from './cs-config.js';
import { serviceTickets } from './cs-tickets.js';
import { serviceMail } from './cs-mail.js';
import { serviceChat } from './cs-chat.js';
import { marketingAgent } from './marketing.js';
import { numberAllocationAgent } from './number-allocation.js';
import { projectEvents } from './project-events.js';
import { viewStateAgent } from './view-state.js';
import { phoneListAgent } from './phone-list.js';
import { favouriteAgent } from './favourites.js';
import { colleaguesBySource, recentContacts } from './recent-sources.js';
import { templateEntities } from './template-entities.js';
import { listAdmin } from './list-admin.js';
import { quickReplies } from './quick-replies.js';
import { categoryGroups } from './category-groups.js';
import { sentryAgent } from './sentry.js';
import { userValidity } from './user-validity.js';
import { userAdmin } from './user-admin.js';
import { untrustedCredentials } from './untrusted-credentials.js';
import { associateLacking, userLacking } from './sandbox-lacks.js';
import { personImageLanguage } from './person-image-language.js';
import { contactNumber } from './contact-lacks.js';
import { mdoHistory } from './mdo-history.js';
import { chatOverloads } from './chat-overloads.js';
import { timeZoneAdmin } from './timezone-admin.js';
import { ticketNotify } from './ticket-notify.js';
import { diaryDays } from './diary-days.js';
import { appointmentSync } from './appointment-sync.js';
import { salesLeads } from './sales-leads.js';
import { archiveSettings } from './archive-settings.js';
import { archiveExport } from './archive-export.js';
import { findOverloads } from './find-overloads.js';
import { preferenceEntities } from './pref-entities.js';
import { projectEntry } from './project-entry.js';
import type { CRM_AGENTS } from '../agent-names.js';

const agents: Record<(typeof CRM_AGENTS)[number], Methods> = {
  NSContactAgent: { ...contactAgent, ...contactExtra, ...quoteAddresses, ...recentContacts, ...contactNumber },
  NSPersonAgent: { ...personAgent, ...personExtra, ...personConsents, ...consentMail, ...temporaryKeys, ...colleaguesBySource, ...personImageLanguage },
  NSSaleAgent: { ...saleAgent, ...saleExtra },
  NSAppointmentAgent: { ...appointmentAgent, ...appointmentLists, ...appointmentStatus, ...appointmentBookings, ...appointmentExtra, ...redLetterDays, ...diaryDays, ...appointmentSync, ...salesLeads },
  NSDocumentAgent: { ...documentAgent, ...documentExtra, ...documentFileMethods, ...documentTemplates, ...documentTempFiles, ...documentUrls },
  NSProjectAgent: { ...projectAgent, ...projectExtra, ...projectMerge, ...projectEvents, ...projectEntry },
  NSQuoteAgent: { ...quoteAgent, ...quoteVersions, ...quoteProducts, ...quoteWorkflow, ...quoteDocuments, ...quoteImages, ...quoteAttachments, ...quoteLineConfigs, ...quoteMissing },
  NSListAgent: { ...listAgent, ...consentLists, ...relationDefinitions, ...typedLists, ...udLists, ...udListLinks, ...listTemplateFiles, ...templateEntities, ...listAdmin, ...quickReplies, ...categoryGroups },
  NSPreferenceAgent: { ...preferenceAgent, ...preferenceDescriptions, ...preferenceExtra, ...preferenceEntities },
  NSTicketAgent: { ...ticketAgent, ...ticketMessageAgent, ...ticketNotify },
  NSAssociateAgent: { ...associateAgent, ...associateLacking },
  NSUserAgent: { ...userMethods, ...userInfoMethods, ...roleMethods, ...dataRightMethods, ...credentialMethods, ...userValidity, ...userAdmin, ...untrustedCredentials, ...userLacking },
  NSFindAgent: { ...findAgent, ...findStored, ...findCriteria, ...findOverloads },
  NSArchiveAgent: { ...archiveAgent, ...archiveLists, ...archiveConfig, ...archiveSettings, ...archiveExport },
  NSChatAgent: { ...chatAgent, ...chatTopicUsers, ...chatOverloads },
  NSRelationAgent: relationAgent,
  NSMDOAgent: { ...mdoAgent, ...mdoHistory },
  NSSelectionAgent: { ...selectionAgent, ...selectionMembers, ...selectionTasks, ...selectionCriteria },
  NSUserDefinedFieldInfoAgent: { ...udefInfoAgent, ...customFieldInfo },
  NSForeignSystemAgent: foreignSystemAgent,
  NSBLOBAgent: blobAgent,
  NSTimeZoneAgent: { ...timeZoneAgent, ...timeZoneAdmin },
  NSConfigurationAgent: { ...systemEvents, ...diaryViews, ...windowPositions, ...configUrls, ...configLacks },
  NSWebhookAgent: webhookAgent,
  NSCustomerServiceAgent: { ...serviceUrls, ...serviceSettings, ...serviceTickets, ...serviceMail, ...serviceChat },
  NSMarketingAgent: marketingAgent,
  NSNumberAllocationAgent: { ...numberAllocationAgent, ...numberingLacks },
  NSViewStateAgent: viewStateAgent,
  NSPhoneListAgent: phoneListAgent,
  NSFavouriteAgent: favouriteAgent,
  NSSentryAgent: sentryAgent,
  NSResourceAgent: resourceOverrides,
  NSNavigatorAgent: navigatorAgent,
};


/** The native class of agent `name`: its constructor from `base`, its implemented methods. */
export function agentClass(name: string, base: NativeClass, sigs: MemberSig[]): NativeClass {
  const own = (agents as Record<string, Methods>)[name] ?? {};
  const methods = name === 'NSListAgent' ? { ...listGetters(sigs), ...own } : own;
  return { name, ctors: base.ctors, defaultValue: base.defaultValue, methods };
}
