/** What a lock guards, for the sentence the other opener reads. */
export type LockSubject = 'case' | 'send-job';

interface Owner {
  pid: number;
  hostname: string;
  app: 'app' | 'cli';
  startedAt: string;
}

const two = (n: number) => String(n).padStart(2, '0');

/** "10:02" today, "2024-05-03 10:02" on another day: local time, as the user's clock shows it. */
export function sinceText(startedAt: string, now: Date = new Date()): string {
  const d = new Date(startedAt);
  if (Number.isNaN(d.getTime())) return 'an unknown time';
  const time = `${two(d.getHours())}:${two(d.getMinutes())}`;
  const sameDay = d.toDateString() === now.toDateString();
  return sameDay ? time : `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${time}`;
}

/**
 * The message a second opener gets, naming the holder so the user can find and close it.
 * There is no read-only case view yet, so the message does not offer one.
 */
export function lockedMessage(owner: Owner, subject: LockSubject, now: Date = new Date()): string {
  const where = `pid ${owner.pid} on host ${owner.hostname} since ${sinceText(owner.startedAt, now)}`;
  const who = owner.app === 'app' ? 'LiverPlan' : 'the liverplan command line';
  if (subject === 'case') {
    return owner.app === 'app'
      ? `This case is open in ${who} (${where}). Close it there first, then open it here again.`
      : `This case is being written by ${who} (${where}). Wait for it to finish, then open it again.`;
  }
  return `This send job is being sent by ${who} (${where}). Wait for it to finish; it stays in the queue either way.`;
}
