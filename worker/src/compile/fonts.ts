import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** worker/{src,dist}/compile → worker/assets/fonts: DejaVu, shipped with the project. */
const FONT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../assets/fonts');

export const FONTS = {
  regular: join(FONT_DIR, 'DejaVuSans.ttf'),
  bold: join(FONT_DIR, 'DejaVuSans-Bold.ttf'),
} as const;
