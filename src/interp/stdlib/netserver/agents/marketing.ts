// NSMarketingAgent over SuperOffice's marketing tables: forms (form) that visitors submit, their
// submissions (form_submission), shipment messages (s_message: the subject and the plain, HTML and
// SMS texts of a mailing) and the reusable message blocks of a user (s_messageblock). The sandbox
// sends no mailings: it has no shipments (s_shipment) or their addresses, so the mailing previews
// fail saying so, and it checks no reCAPTCHA tokens (that needs Google's service).
import { NSObject } from '../object.js';
import { db, fail, now } from './db.js';
import { col, register, type View } from './view.js';
import { entityCycle, lacking, make, where, type Methods } from './define.js';

const AGENT = 'NSMarketingAgent';

/** The audit columns as the plain properties these entities show them as. */
const STAMPS = 'Registered=registered:d RegisteredAssociateId=registered_associate_id:i Updated=updated:d UpdatedAssociateId=updated_associate_id:i UpdatedCount=updatedCount:i';

export const formView: View = {
  cls: 'NSFormEntity',
  table: 'form',
  key: 'FormId',
  cols: `Name=name:s Description=description:s Config=config:s FolderId=folder_id:i ScriptId=script_id:i ResponseShipmentId=response_shipment_id:i ${STAMPS} Active=active:b Expires=expires:d MaxSubmits=maxSubmits:i Type=type:i Recipe=recipe:s GroupId=group_id:i FormKey=form_key:s NewTicket=new_ticket:b`,
  required: [['Name', 'the form name (SetName)']],
  // the sandbox has no picture folders (s_picture_folder) to name, and no reCAPTCHA keys (FormsRecaptchaMode.NotAvailable)
  calc: (o: NSObject) => {
    o.f.FolderName = '';
    o.f.RecaptchaMode = 0;
  },
};

export const formSubmissionView: View = {
  cls: 'NSFormSubmissionEntity',
  table: 'form_submission',
  key: 'FormSubmissionId',
  cols: 'FormId=form_id:i WhenSubmitted=when_submitted:d ContactId=contact_id:i PersonId=person_id:i EmailAddress=email_address:s ResponseShipmentAddrId=response_shipment_addr_id:i Response=response:s Status=status:i ProcessingLog=processing_log:s',
};

export const shipmentMessageView: View = {
  cls: 'NSShipmentMessageEntity',
  table: 's_message',
  key: 'ShipmentMessageId',
  cols: `PlainMessage=plain_message:s HtmlMessage=html_message:s SmsMessage=sms_message:s Description=description:s Subject=subject:s HeaderField=header_field:s Flags=flags:i FolderId=folder_id:i InlineImages=inline_images:b RegisterViews=register_views:b AccessKey=access_key:s ${STAMPS} DocumentMessage=document_message:i LongDescription=long_description:s Design=design:s Designtype=designtype:i`,
};

export const messageBlockView: View = {
  cls: 'NSShipmentMessageBlockEntity',
  table: 's_messageblock',
  key: 'ShipmentMessageBlockId',
  cols: `Block=block:s AssociateId=associateId:i ${STAMPS}`,
};
register(formView, formSubmissionView, shipmentMessageView, messageBlockView);

/** Fails naming `where` unless row `id` of `table` exists (0 passes: no link). */
function mustExist(where: string, prop: string, table: string, id: unknown): void {
  const n = Number(id ?? 0);
  if (n && !db().get(table, n)) throw fail(where, `${prop} ${n} does not exist (there is no ${table} row with that id)`);
}

const formCycle = entityCycle(AGENT, 'Form', formView, () =>
  // a new form sits in the root folder (-1), active, of FormType.Normal, with no limits
  make('NSFormEntity', { FormId: 0, FolderId: -1, Active: true, Type: 0, MaxSubmits: 0 }),
);
const submissionCycle = entityCycle(AGENT, 'FormSubmission', formSubmissionView, () =>
  // FormSubmissionStatus.Submitted, now
  make('NSFormSubmissionEntity', { FormSubmissionId: 0, Status: 3, WhenSubmitted: now() }),
);
const messageCycle = entityCycle(AGENT, 'ShipmentMessage', shipmentMessageView, () =>
  // an HTML message (ShipmentMessageType.Html) in the root folder that registers its views
  make('NSShipmentMessageEntity', { ShipmentMessageId: 0, Flags: 1, FolderId: -1, InlineImages: false, RegisterViews: true, Designtype: 0 }),
);
const blockCycle = entityCycle(AGENT, 'ShipmentMessageBlock', messageBlockView, () =>
  make('NSShipmentMessageBlockEntity', { ShipmentMessageBlockId: 0, AssociateId: db().actor().associateId }),
);

export const marketingAgent: Methods = {
  ...formCycle,
  'SaveFormEntity(NSFormEntity)': (a: unknown, o: NSObject) => {
    const where = `${AGENT}.SaveFormEntity`;
    if (o instanceof NSObject) {
      mustExist(where, 'ScriptId', 'ejscript', o.f.ScriptId);
      mustExist(where, 'GroupId', 'UserGroup', o.f.GroupId);
      const key = String(o.f.FormKey ?? '').trim();
      const taken = key ? db().select('form', { where: [{ column: 'form_key', op: '=', value: key }] }) : [];
      if (taken.some((r) => Number(col(r, 'form_id') ?? 0) !== Number(o.f.FormId ?? 0))) throw fail(where, `the form key "${key}" is taken by another form`);
    }
    return formCycle['SaveFormEntity(NSFormEntity)'](a, o);
  },
  'DeleteFormEntity(Integer)': (a: unknown, id: number) => {
    // a form's submissions go with it
    for (const s of where(formSubmissionView, 'form_id', id)) db().delete('form_submission', Number(s.f.FormSubmissionId));
    formCycle['DeleteFormEntity(Integer)'](a, id);
  },
  ...submissionCycle,
  'SaveFormSubmissionEntity(NSFormSubmissionEntity)': (a: unknown, o: NSObject) => {
    const where = `${AGENT}.SaveFormSubmissionEntity`;
    if (o instanceof NSObject) {
      if (!Number(o.f.FormId ?? 0)) throw fail(where, 'the form is required (SetFormId)');
      mustExist(where, 'FormId', 'form', o.f.FormId);
      mustExist(where, 'ContactId', 'contact', o.f.ContactId);
      mustExist(where, 'PersonId', 'person', o.f.PersonId);
    }
    return submissionCycle['SaveFormSubmissionEntity(NSFormSubmissionEntity)'](a, o);
  },
  ...messageCycle,
  'SaveShipmentMessageEntity(NSShipmentMessageEntity)': (a: unknown, o: NSObject) => {
    if (o instanceof NSObject) mustExist(`${AGENT}.SaveShipmentMessageEntity`, 'DocumentMessage', 'document', o.f.DocumentMessage);
    return messageCycle['SaveShipmentMessageEntity(NSShipmentMessageEntity)'](a, o);
  },
  ...blockCycle,
  'SaveShipmentMessageBlockEntity(NSShipmentMessageBlockEntity)': (a: unknown, o: NSObject) => {
    if (o instanceof NSObject) {
      if (!Number(o.f.AssociateId ?? 0)) o.f.AssociateId = db().actor().associateId;
      mustExist(`${AGENT}.SaveShipmentMessageBlockEntity`, 'AssociateId', 'associate', o.f.AssociateId);
    }
    return blockCycle['SaveShipmentMessageBlockEntity(NSShipmentMessageBlockEntity)'](a, o);
  },
  // 0: the current user's blocks
  'GetUserBlocks(Integer)': (_a: unknown, associateId: number) => where(messageBlockView, 'associateId', associateId || db().actor().associateId),
  ...lacking(AGENT, 'the sandbox CRM sends no mailings: it has no shipments or shipment addresses (s_shipment, s_shipment_addr) to preview', [
    'GetPreviewMailing(Integer)',
    'GetPreviewMailingHeader(Integer)',
  ]),
  ...lacking(AGENT, "the sandbox CRM cannot verify reCAPTCHA tokens (that needs Google's reCAPTCHA service)", ['VerifyGoogleRecaptcha(String,String)']),
};
