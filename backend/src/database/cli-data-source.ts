import 'reflect-metadata';
import { config as loadDotenv } from 'dotenv';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options.js';

/** For the TypeORM CLI (npm run migration:run / migration:generate); needs DATABASE_URL. */
loadDotenv();
const url = process.env.DATABASE_URL;
if (!url) {
  console.error(
    'DATABASE_URL: required for the migration CLI (the app itself migrates the embedded database on start)',
  );
  process.exit(78);
}
export default new DataSource(buildDataSourceOptions(url, 2));
