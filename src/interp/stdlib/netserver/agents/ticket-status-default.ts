// NSTicketStatusEntity's IsDefault (NetServer's TicketStatusEntity; newer than the stored
// reference): whether the status is the one its base status defaults to. Read from and written
// to the order of ticket_status (crm/ticket-status-default.ts explains why).
import type { NSObject } from '../object.js';
import type { CrmRow } from '../../../runtime/crm-service.js';
import { defaultTicketStatus, setDefaultTicketStatus } from '../../crm/ticket-status-default.js';

export const ticketStatusDefault = {
  calc(o: NSObject, row: CrmRow): void {
    o.f.IsDefault = defaultTicketStatus(Number(row.status ?? 0)) === Number(row.id);
  },
  afterSave(o: NSObject, id: number): void {
    setDefaultTicketStatus(id, Number(o.f.Status ?? 0), o.f.IsDefault === true);
  },
};
