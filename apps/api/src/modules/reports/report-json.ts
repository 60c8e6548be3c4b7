import { Readable } from 'node:stream';
import { ReportSchema, type Report } from '@workdiary/shared';
import { SLICE, yieldToLoop } from '../../lib/loop-slices.ts';

const HeadSchema = ReportSchema.pick({ from: true, to: true, groupBy: true, currency: true, totalMinutes: true, totalBillableMinutes: true, totalAmount: true });
const TailSchema = ReportSchema.pick({ series: true, filters: true });

/**
 * The report's JSON, the same text the response schema's serializer writes (report-json.test.ts
 * compares them), as a stream written in slices of about `SLICE` groups with a turn of the event
 * loop between them: a year by customer × user is ~380,000 groups and ~40 MB of JSON, which
 * checked and stringified in one go held the event loop for over a second. The head and the tail
 * are checked by their part of `ReportSchema`; the groups are written as buildReport made them
 * (typed as the schema's, in its key order): checking each of them again took ~0.2 s of that year.
 */
export function reportJsonStream(report: Report): Readable {
  async function* parts(): AsyncGenerator<string> {
    const head = JSON.stringify(HeadSchema.parse(report));
    const tail = JSON.stringify(TailSchema.parse(report));
    let chunk = `${head.slice(0, -1)},"groups":[`;
    let items = 0;
    for (const [i, group] of report.groups.entries()) {
      chunk += (i === 0 ? '' : ',') + JSON.stringify(group);
      items += 1 + (group.children?.length ?? 0);
      if (items >= SLICE) {
        yield chunk;
        chunk = '';
        items = 0;
        await yieldToLoop();
      }
    }
    yield `${chunk}],${tail.slice(1)}`;
  }
  return Readable.from(parts(), { objectMode: false });
}
