import type { CdkDragDrop } from '@angular/cdk/drag-drop';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { TimelineClipDto } from '@clippyfront/shared';
import { text } from '../../../../testing/fixtures';
import { makeMedia } from '../../../../testing/media-fixtures';
import { makeTimelineClip } from '../../../../testing/project-fixtures';
import { TimelineList } from './timeline-list';

describe('TimelineList', () => {
  let fixture: ComponentFixture<TimelineList>;
  let el: HTMLElement;
  let orders: string[][];
  let removed: string[];

  const items = [
    makeTimelineClip({ id: 'a', title: 'Alpha', creatorName: 'ann', durationSeconds: 12 }),
    makeTimelineClip({ id: 'b', title: 'Beta', creatorName: null, hasAvatar: false }),
    makeTimelineClip({
      id: 'c',
      title: 'Gamma',
      durationSeconds: 45,
      playSeconds: 30,
      hasThumbnail: false,
    }),
  ];
  const cards = () => Array.from(el.querySelectorAll<HTMLElement>('[data-testid="timeline-card"]'));
  const card = (id: string) => el.querySelector<HTMLElement>(`[data-clip-id="${id}"]`)!;
  const ids = () => cards().map((c) => c.getAttribute('data-clip-id'));

  function create(list: readonly TimelineClipDto[] = items): void {
    fixture = TestBed.createComponent(TimelineList);
    el = fixture.nativeElement as HTMLElement;
    document.body.append(el);
    orders = [];
    removed = [];
    fixture.componentInstance.reorder.subscribe((order) => {
      orders.push(order);
      // The step answers with the new order, as it does after saving.
      const byId = new Map(fixture.componentInstance.items().map((i) => [i.id, i]));
      fixture.componentRef.setInput(
        'items',
        order.map((id) => byId.get(id)!),
      );
    });
    fixture.componentInstance.remove.subscribe((id) => removed.push(id));
    fixture.componentRef.setInput('items', list);
    fixture.detectChanges();
  }

  beforeEach(() => TestBed.configureTestingModule({ imports: [TimelineList] }));
  afterEach(() => {
    fixture?.destroy();
    el?.remove();
  });

  it('shows each clip as a card: place, thumbnail, title, creator, duration, clip colour', () => {
    create();
    expect(ids()).toEqual(['a', 'b', 'c']);
    const [first, second, third] = cards();
    expect(first!.classList).toContain('timeline-card--clip');
    expect(first!.classList).toContain('cdk-drag');
    expect(text(first!.querySelector('[data-testid="timeline-card-index"]'))).toBe('1');
    expect(text(first!.querySelector('[data-testid="timeline-card-title"]'))).toBe('Alpha');
    expect(text(first!.querySelector('[data-testid="timeline-card-creator"]'))).toBe('ann');
    expect(text(first!.querySelector('[data-testid="timeline-card-duration"]'))).toBe('0:12');
    expect(first!.querySelector('img.media-thumb__image')?.getAttribute('src')).toBe(
      '/api/clips/a/thumbnail',
    );
    expect(first!.getAttribute('aria-label')).toBe('Clip 1 of 3: Alpha by ann, 0:12');
    expect(second!.querySelector('[data-testid="timeline-card-creator"]')).toBeNull();
    expect(third!.querySelector('[data-testid="media-thumb-placeholder"]')).not.toBeNull();
    expect(text(third!.querySelector('[data-testid="timeline-card-cut"]'))).toBe('plays 0:30');
    expect(
      first!.querySelector<HTMLButtonElement>('[data-testid="timeline-move-up"]')!.disabled,
    ).toBe(true);
    expect(
      third!.querySelector<HTMLButtonElement>('[data-testid="timeline-move-down"]')!.disabled,
    ).toBe(true);
    expect(el.querySelector('[data-testid="timeline-list"]')!.classList).toContain('cdk-drop-list');
  });

  it('reports the order after a drop (and nothing for a drop in place)', () => {
    create();
    const list = fixture.componentInstance;
    list.dropped({ previousIndex: 0, currentIndex: 2 } as CdkDragDrop<readonly TimelineClipDto[]>);
    list.dropped({ previousIndex: 1, currentIndex: 1 } as CdkDragDrop<readonly TimelineClipDto[]>);
    fixture.detectChanges();
    expect(orders).toEqual([['b', 'c', 'a']]);
    expect(ids()).toEqual(['b', 'c', 'a']);
    expect(text(el.querySelector('[data-testid="timeline-announcement"]'))).toBe(
      'Moved “Alpha” to position 3 of 3.',
    );
  });

  it('moves a focused card with Alt+↑ / Alt+↓ and the arrow buttons, keeping the focus on it', async () => {
    create();
    card('a').focus();
    card('a').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', altKey: true }));
    fixture.detectChanges();
    await fixture.whenStable();
    expect(orders).toEqual([['b', 'a', 'c']]);
    expect(document.activeElement).toBe(card('a'));

    // Without Alt, or past the end, nothing moves.
    card('a').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown' }));
    card('b').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', altKey: true }));
    expect(orders).toHaveLength(1);

    card('c').querySelector<HTMLElement>('[data-testid="timeline-move-up"]')!.click();
    fixture.detectChanges();
    await fixture.whenStable();
    expect(orders.at(-1)).toEqual(['b', 'c', 'a']);
    expect(document.activeElement).toBe(card('c'));
    card('b').querySelector<HTMLElement>('[data-testid="timeline-move-down"]')!.click();
    expect(orders.at(-1)).toEqual(['c', 'b', 'a']);
  });

  it('reports a removal', () => {
    create();
    card('b').querySelector<HTMLElement>('[data-testid="timeline-remove"]')!.click();
    expect(removed).toEqual(['b']);
  });

  it('shows the intro first and the outro last, in their colours, or an empty timeline', () => {
    create([]);
    expect(el.querySelector('[data-testid="timeline-empty"]')).not.toBeNull();
    fixture.componentRef.setInput('intro', makeMedia({ id: 'i', name: 'Hello', type: 'intro' }));
    fixture.componentRef.setInput('outro', makeMedia({ id: 'o', name: 'Bye', type: 'outro' }));
    fixture.componentRef.setInput('items', items);
    fixture.detectChanges();
    const order = Array.from(el.querySelectorAll('[data-testid^="timeline-"]'))
      .map((e) => e.getAttribute('data-testid'))
      .filter((id) => ['timeline-intro', 'timeline-card', 'timeline-outro'].includes(id!));
    expect(order).toEqual([
      'timeline-intro',
      'timeline-card',
      'timeline-card',
      'timeline-card',
      'timeline-outro',
    ]);
    const intro = el.querySelector('[data-testid="timeline-intro"]')!;
    expect(intro.classList).toContain('timeline-card--intro');
    expect(text(intro)).toContain('Hello');
    expect(intro.querySelector('img')?.getAttribute('src')).toBe('/api/media/i/thumbnail');
    expect(el.querySelector('[data-testid="timeline-outro"]')!.classList).toContain(
      'timeline-card--outro',
    );
  });
});
