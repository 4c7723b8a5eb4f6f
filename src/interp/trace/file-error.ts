/** A recording that cannot be opened or read, said in a sentence for the user. */
export class TraceFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TraceFileError';
  }
}
