import { ImageGenerator } from './components/ImageGenerator';
import { TextStream } from './components/TextStream';
import { Uploader } from './components/Uploader';

export default function Home() {
  return (
    <main>
      <h1>falkit + Next.js</h1>
      <p>
        Every request goes through <code>/api/fal/proxy</code>, which holds the key and allows two endpoints.
      </p>
      <ImageGenerator />
      <TextStream />
      <Uploader />
    </main>
  );
}
