// Signatures that real CRMScript uses where the API reference says otherwise. The reference
// contradicts itself in places (NSContactEntity.SetAddress is declared with NSLocalizedField[][]
// while its own example, and SuperOffice's script library, pass the NSAddress that GetAddress
// returns, as NSPersonEntity.SetAddress declares). Each entry is added beside the catalog's own
// overloads, so both forms type-check; natives implement them by the same 'name(T1,…)' key.
// User.setValue is listed with a third, garbled parameter while its own syntax line and the
// reference's user pages call it with (column, value).
export const USAGE_SIGNATURES: Record<string, string[]> = {
  NSContactEntity: ['Void SetAddress(NSAddress address)'],
  User: ['Void setValue(String column, String value)'],
};

/**
 * Members of CRMScript newer than the API reference (SuperOffice's own language-service definitions
 * list them), by class; the global functions are the Void class's. A native class of its own declares
 * its newer members in its extraSignatures instead.
 */
export const NEWER_SIGNATURES: Record<string, string[]> = {
  Void: ['String encodeBase32(Byte[] data)', 'Byte[] encodeHMACSHA1(Byte[] key, Byte[] value)', 'Void forceSaveTrace(Bool doSave)', 'Integer pauseTracing(Bool pause)'],
};
