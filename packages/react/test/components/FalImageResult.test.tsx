import '@testing-library/jest-dom/vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FalImageResult } from '../../src/components/FalImageResult';

afterEach(cleanup);

const image = { url: 'http://127.0.0.1/v3.fal.media/files/a.png', width: 512, height: 384 };

describe('FalImageResult', () => {
  it('holds the place with a labelled placeholder while the job runs', () => {
    render(<FalImageResult images={undefined} status="in_queue" placeholderSize={{ width: 4, height: 3 }} />);
    const placeholder = screen.getByRole('img', { name: 'Image is being generated' });
    expect(placeholder.style.aspectRatio).toBe('4 / 3');
    expect(placeholder.parentElement).toHaveAttribute('aria-busy', 'true');
  });

  it('renders images with width, height and alt, loading until they load', () => {
    const onImageLoad = vi.fn();
    render(<FalImageResult images={[image]} status="success" onImageLoad={onImageLoad} />);
    const img = screen.getByRole('img', { name: 'Generated image 1' });
    expect(img).toHaveAttribute('width', '512');
    expect(img).toHaveAttribute('height', '384');
    expect(img).toHaveAttribute('data-state', 'loading');
    const root = img.closest('[data-falkit-element="image-result"]');
    expect(root).toHaveAttribute('aria-busy', 'true');
    fireEvent.load(img);
    expect(img).toHaveAttribute('data-state', 'loaded');
    expect(root).toHaveAttribute('aria-busy', 'false');
    expect(root).toHaveAttribute('data-state', 'loaded');
    expect(onImageLoad).toHaveBeenCalledWith(image, img);
  });

  it('reports an image that fails to load and a job error', () => {
    const { rerender } = render(<FalImageResult images={[image]} status="success" alt="A cat" />);
    fireEvent.error(screen.getByRole('img', { name: 'A cat' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Image failed to load');
    rerender(<FalImageResult images={[]} status="error" error={{ message: 'prompt: field required' }} />);
    expect(screen.getByRole('alert')).toHaveTextContent('prompt: field required');
  });
});
