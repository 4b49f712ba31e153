import type { MigrationInterface, QueryRunner } from 'typeorm';

const COLUMNS = [
  'background',
  'surface',
  'text',
  'muted',
  'primary',
  'accent',
  'success',
  'warning',
  'danger',
  'border',
  'intro',
  'clip',
  'outro',
  'transition',
  'compilation',
  'image',
];

// The values of BUILT_IN_THEMES when this migration was written (a migration never changes).
const DARK = [
  '#0f1117',
  '#181b26',
  '#e6e8ef',
  '#9aa1b5',
  '#7c5cff',
  '#60a5fa',
  '#34d399',
  '#fbbf24',
  '#f87171',
  '#2a2f40',
  '#38bdf8',
  '#7c5cff',
  '#f472b6',
  '#fbbf24',
  '#34d399',
  '#fb923c',
];
const LIGHT = [
  '#f5f6fa',
  '#ffffff',
  '#1b1e29',
  '#5b6275',
  '#6246ea',
  '#2563eb',
  '#047857',
  '#b45309',
  '#dc2626',
  '#d8dbe5',
  '#0284c7',
  '#6246ea',
  '#db2777',
  '#b45309',
  '#047857',
  '#ea580c',
];

const values = (colours: string[]) => colours.map((c) => `'${c}'`).join(', ');

/**
 * Themes, seeded with "ClippyFront Dark" (active: the SPA's look until now) and "ClippyFront
 * Light"; users get a theme preference (the site's theme by default).
 */
export class Themes1795660000000 implements MigrationInterface {
  name = 'Themes1795660000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const colourColumns = COLUMNS.map((c) => `"${c}" character(7) NOT NULL`).join(', ');
    await queryRunner.query(
      `CREATE TABLE "themes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(64) NOT NULL, "base" character varying(8) NOT NULL DEFAULT 'dark', ${colourColumns}, "active" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_themes_id" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_themes_name" ON "themes" (lower("name"))`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_themes_active" ON "themes" ("active") WHERE "active"`,
    );
    const columns = COLUMNS.map((c) => `"${c}"`).join(', ');
    await queryRunner.query(
      `INSERT INTO "themes" ("name", "base", "active", ${columns}) VALUES
        ('ClippyFront Dark', 'dark', true, ${values(DARK)}),
        ('ClippyFront Light', 'light', false, ${values(LIGHT)})`,
    );
    // The light one is a little newer, so a list ordered by age shows Dark first.
    await queryRunner.query(
      `UPDATE "themes" SET "created_at" = "created_at" + interval '1 millisecond', "updated_at" = "updated_at" + interval '1 millisecond' WHERE "name" = 'ClippyFront Light'`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD "theme_preference" character varying(8) NOT NULL DEFAULT 'site'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "theme_preference"`);
    await queryRunner.query(`DROP INDEX "public"."uq_themes_active"`);
    await queryRunner.query(`DROP INDEX "public"."uq_themes_name"`);
    await queryRunner.query(`DROP TABLE "themes"`);
  }
}
