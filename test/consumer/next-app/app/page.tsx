import { Smoke } from './Smoke';

export default async function Page({ searchParams }: { searchParams: Promise<{ emulator?: string }> }) {
  const { emulator } = await searchParams;
  return <Smoke emulatorUrl={emulator ?? 'http://127.0.0.1:8787'} />;
}
