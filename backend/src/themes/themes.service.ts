import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import {
  BUILT_IN_THEMES,
  THEME_COLOUR_KEYS,
  type CreateThemeRequest,
  type ThemeColours,
  type ThemeDto,
  type UpdateThemeRequest,
} from '@clippyfront/shared';
import type { ThemeEntity } from './theme.entity.js';
import { ThemesRepository, type ThemeFields } from './themes.repository.js';

export function coloursOf(theme: ThemeColours): ThemeColours {
  return Object.fromEntries(THEME_COLOUR_KEYS.map((key) => [key, theme[key]])) as ThemeColours;
}

export function toThemeDto(theme: ThemeEntity): ThemeDto {
  return {
    id: theme.id,
    name: theme.name,
    base: theme.base,
    ...coloursOf(theme),
    active: theme.active,
    createdAt: theme.createdAt.toISOString(),
    updatedAt: theme.updatedAt.toISOString(),
  };
}

const lowerColours = <T extends Partial<ThemeColours>>(body: T): T => {
  const copy = { ...body };
  for (const key of THEME_COLOUR_KEYS) {
    if (typeof copy[key] === 'string') copy[key] = copy[key].toLowerCase();
  }
  return copy;
};

/** Theme rules: unique names, exactly one active theme, which cannot be deleted. */
@Injectable()
export class ThemesService {
  constructor(private readonly themes: ThemesRepository) {}

  async list(): Promise<ThemeDto[]> {
    return (await this.themes.list()).map(toThemeDto);
  }

  async get(id: string): Promise<ThemeDto> {
    const theme = await this.themes.findById(id);
    if (!theme) throw new NotFoundException(`Theme ${id} not found`);
    return toThemeDto(theme);
  }

  async create(body: CreateThemeRequest): Promise<ThemeDto> {
    const base = body.base ?? 'dark';
    const fields: ThemeFields = {
      ...BUILT_IN_THEMES[base].colours,
      ...lowerColours(body),
      name: body.name,
      base,
    };
    return toThemeDto(await this.saving(body.name, () => this.themes.create(fields)));
  }

  async update(id: string, body: UpdateThemeRequest): Promise<ThemeDto> {
    const theme = await this.get(id);
    const saved = await this.saving(body.name ?? theme.name, () =>
      this.themes.update(id, lowerColours(body)),
    );
    return toThemeDto(saved);
  }

  /** A copy named "<name> (copy)", "<name> (copy 2)"…, not active. */
  async duplicate(id: string): Promise<ThemeDto> {
    const theme = await this.get(id);
    const stem = `${theme.name.slice(0, 50)} (copy`;
    const taken = await this.themes.namesLike(stem);
    let n = 1;
    const nameOf = (i: number) => `${stem}${i === 1 ? '' : ` ${i}`})`;
    while (taken.has(nameOf(n).toLowerCase())) n++;
    return this.create({ ...coloursOf(theme), base: theme.base, name: nameOf(n) });
  }

  async activate(id: string): Promise<ThemeDto> {
    if (!(await this.themes.activate(id))) throw new NotFoundException(`Theme ${id} not found`);
    return this.get(id);
  }

  async delete(id: string): Promise<void> {
    const theme = await this.get(id);
    const outcome = await this.themes.delete(id);
    if (outcome === 'missing') throw new NotFoundException(`Theme ${id} not found`);
    if (outcome === 'active') {
      throw new ConflictException(
        `Theme "${theme.name}" is the active theme; activate another theme first`,
      );
    }
  }

  /** The palette `/theme.css` serves: the active theme (the built-in dark one if none). */
  async activePalette(): Promise<{ base: ThemeEntity['base']; colours: ThemeColours }> {
    const theme = await this.themes.findActive();
    if (!theme) return { base: 'dark', colours: BUILT_IN_THEMES.dark.colours };
    return { base: theme.base, colours: coloursOf(theme) };
  }

  private async saving(name: string, save: () => Promise<ThemeEntity>): Promise<ThemeEntity> {
    try {
      return await save();
    } catch (error) {
      const { code, constraint } = error as { code?: string; constraint?: string };
      if (code === '23505' && constraint === 'uq_themes_name') {
        throw new ConflictException(`A theme named "${name}" already exists`);
      }
      throw error;
    }
  }
}
