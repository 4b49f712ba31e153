import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Subject } from 'rxjs';
import { PagedList, type ListPage } from './paged-list';

interface Request {
  query: string;
  limit: number;
  offset: number;
  answer: Subject<ListPage<number>>;
}

@Component({ template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class Host {
  readonly query = signal('');
  readonly requests: Request[] = [];
  readonly events: string[] = [];
  readonly list = new PagedList<string, number>({
    pageSize: 2,
    query: this.query,
    fetch: (query, range) => {
      const answer = new Subject<ListPage<number>>();
      this.requests.push({ query, ...range, answer });
      return answer;
    },
    pageChanged: () => this.events.push('pageChanged'),
    loaded: (items) => this.events.push(`loaded ${items.join(',')}`),
    failed: () => this.events.push('failed'),
  });
}

describe('PagedList', () => {
  let fixture: ReturnType<typeof TestBed.createComponent<Host>>;
  let host: Host;
  const last = () => host.requests[host.requests.length - 1];
  const answer = (items: number[], total: number) => {
    last().answer.next({ items, total });
    last().answer.complete();
  };

  beforeEach(() => {
    fixture = TestBed.createComponent(Host);
    host = fixture.componentInstance;
    fixture.detectChanges();
  });

  afterEach(() => jest.useRealTimers());

  it('requests the first page, then tells where it is', () => {
    const { list } = host;
    expect(host.requests).toHaveLength(1);
    expect(last()).toMatchObject({ query: '', limit: 2, offset: 0 });
    expect(list.loading()).toBe(true);
    expect(list.loaded()).toBe(false);

    answer([1, 2], 5);
    expect(list.items()).toEqual([1, 2]);
    expect(list.loaded()).toBe(true);
    expect(list.loading()).toBe(false);
    expect([list.rangeStart(), list.rangeEnd(), list.total()]).toEqual([1, 2, 5]);
    expect([list.hasPrevious(), list.hasNext(), list.hasOtherPages()]).toEqual([false, true, true]);
    expect(host.events).toEqual(['pageChanged', 'loaded 1,2']);
  });

  it('pages forward and back, and no further than there are pages', () => {
    const { list } = host;
    answer([1, 2], 3);
    list.previous();
    list.next();
    fixture.detectChanges();
    expect(last()).toMatchObject({ offset: 2 });
    answer([3], 3);
    expect([list.rangeStart(), list.rangeEnd(), list.hasNext()]).toEqual([3, 3, false]);
    list.next();
    fixture.detectChanges();
    expect(host.requests).toHaveLength(2);
    list.previous();
    fixture.detectChanges();
    expect(last()).toMatchObject({ offset: 0 });
  });

  it('starts again at the first page when the query changes, cancelling the request before', () => {
    const { list } = host;
    answer([1, 2], 5);
    list.next();
    fixture.detectChanges();
    const stale = last();
    host.query.set('x');
    fixture.detectChanges();
    expect(last()).toMatchObject({ query: 'x', offset: 0 });
    expect(stale.answer.observed).toBe(false);
    expect(list.page()).toBe(0);
  });

  it('keeps the items and stores the message when a request fails; reloads on demand', () => {
    const { list } = host;
    answer([1, 2], 5);
    list.reload();
    last().answer.error(new Error('Offline'));
    expect(list.error()).toBe('Offline');
    expect(list.items()).toEqual([1, 2]);
    expect(list.loading()).toBe(false);
    expect(host.events).toEqual(['pageChanged', 'loaded 1,2', 'failed']);

    list.reload();
    answer([1], 1);
    expect(list.error()).toBeNull();
    expect(list.hasOtherPages()).toBe(false);
  });

  it('reloads after a while unless another request came first, and stops when destroyed', () => {
    jest.useFakeTimers();
    const { list } = host;
    answer([1, 2], 5);
    list.reloadAfter(1_000);
    jest.advanceTimersByTime(1_000);
    expect(host.requests).toHaveLength(2);

    answer([1, 2], 5);
    list.reloadAfter(1_000);
    list.reload();
    jest.advanceTimersByTime(1_000);
    expect(host.requests).toHaveLength(3);

    list.reloadAfter(1_000);
    const pending = last();
    fixture.destroy();
    jest.advanceTimersByTime(1_000);
    expect(host.requests).toHaveLength(3);
    expect(pending.answer.observed).toBe(false);
  });
});
