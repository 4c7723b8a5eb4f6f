// The NetServer agents implemented over the sandbox CRM (agents/). A run whose program uses one
// readies the CRM database first (crm-natives.ts), like SearchEngine.
export const CRM_AGENTS = [
  'NSContactAgent',
  'NSPersonAgent',
  'NSSaleAgent',
  'NSAppointmentAgent',
  'NSDocumentAgent',
  'NSProjectAgent',
  'NSQuoteAgent',
  'NSListAgent',
  'NSPreferenceAgent',
  'NSTicketAgent',
  'NSAssociateAgent',
  'NSUserAgent',
  'NSFindAgent',
  'NSArchiveAgent',
  'NSChatAgent',
  'NSRelationAgent',
  'NSMDOAgent',
  'NSSelectionAgent',
  'NSUserDefinedFieldInfoAgent',
  'NSTimeZoneAgent',
] as const;
