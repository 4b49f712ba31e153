import { of, Subject, throwError } from 'rxjs';
import { LatestSaver } from './latest-saver';

describe('LatestSaver', () => {
  it('sends one value at a time; of those given meanwhile only the newest, then reports it', () => {
    const answers: Subject<string>[] = [];
    const sent: number[] = [];
    const saved: string[] = [];
    const saver = new LatestSaver<number, string>(
      (value) => {
        sent.push(value);
        const answer = new Subject<string>();
        answers.push(answer);
        return answer;
      },
      { saved: (r) => saved.push(r), failed: () => saved.push('failed') },
    );
    saver.save(1);
    saver.save(2);
    saver.save(3);
    expect(sent).toEqual([1]);
    expect(saver.saving()).toBe(true);
    answers[0]!.next('one');
    answers[0]!.complete();
    // The answer to 1 is stale: 3 is sent, and only its answer is reported.
    expect(sent).toEqual([1, 3]);
    expect(saved).toEqual([]);
    answers[1]!.next('three');
    answers[1]!.complete();
    expect(saved).toEqual(['three']);
    expect(saver.saving()).toBe(false);
  });

  it('reports a failure of the newest value; a failure overtaken by a newer value is not', () => {
    const outcomes: string[] = [];
    let fail = true;
    const saver = new LatestSaver<number, number>(
      (value) => (fail ? throwError(() => new Error(`no ${value}`)) : of(value * 10)),
      { saved: (r) => outcomes.push(`saved ${r}`), failed: (e) => outcomes.push(String(e)) },
    );
    saver.save(1);
    expect(outcomes).toEqual(['Error: no 1']);
    fail = false;
    saver.save(2);
    expect(outcomes).toEqual(['Error: no 1', 'saved 20']);
    expect(saver.saving()).toBe(false);
  });

  it('forgets everything on cancel', () => {
    const answer = new Subject<number>();
    const outcomes: number[] = [];
    const saver = new LatestSaver<number, number>(() => answer, {
      saved: (r) => outcomes.push(r),
      failed: () => outcomes.push(-1),
    });
    saver.save(1);
    saver.save(2);
    saver.cancel();
    answer.next(5);
    answer.complete();
    expect(outcomes).toEqual([]);
    expect(saver.saving()).toBe(false);
  });
});
