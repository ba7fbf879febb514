import type { Types } from '@cornerstonejs/core';

/** The tag vtk.js replaces with a volume's own bound on samples per ray in its volume fragment shader. */
const SAMPLES_TAG = '//VTK::MaximumNumberOfSamples';

interface ShaderReplacement {
  shaderType: 'Vertex' | 'Fragment' | 'Geometry';
  originalValue: string;
  replacementValue: string;
  replaceFirst: boolean;
  replaceAll: boolean;
}

interface ViewSpecificProperties {
  OpenGL?: { ShaderReplacements?: ShaderReplacement[] } & Record<string, unknown>;
}

/**
 * Gives a slice view's volume actor the shader every other slice view uses. vtk.js bakes the loop
 * bound of its ray caster into the fragment shader's source (the volume's diagonal over its sample
 * distance), so each geometry (each phase of a study with its own slice count, each new study, the
 * start-up warm-up) compiled its own copy of the same program: about 2 s each in software WebGL,
 * the largest part of the first image. Here the bound is the mapper's maximum samples per ray
 * (Cornerstone sets 4000) for every volume that needs no more; the loop still stops where the ray
 * leaves the volume or the slab, so the picture is the same and one compiled program serves all.
 * A volume whose rays need more samples keeps vtk's own bound (its own shader, still correct).
 */
export function shareSliceShader(actor: Types.VolumeActor): void {
  const mapper = actor.getMapper() as unknown as {
    getMaximumSamplesPerRay(): number;
    getSampleDistance(): number;
    getInputData(): { getBounds(): number[] } | null;
    getViewSpecificProperties(): ViewSpecificProperties;
  } | null;
  const bounds = mapper?.getInputData()?.getBounds();
  if (!mapper || !bounds || bounds.length < 6) return;
  const bound = mapper.getMaximumSamplesPerRay();
  if (raySamplesNeeded(bounds, mapper.getSampleDistance()) > bound) return;
  const spec = mapper.getViewSpecificProperties();
  const others = (spec.OpenGL?.ShaderReplacements ?? []).filter((r) => r.originalValue !== SAMPLES_TAG);
  spec.OpenGL = {
    ...spec.OpenGL,
    ShaderReplacements: [
      ...others,
      // Applied before vtk's own substitutions, so the tag is gone by the time vtk looks for it.
      {
        shaderType: 'Fragment',
        originalValue: SAMPLES_TAG,
        replacementValue: String(bound),
        replaceFirst: true,
        replaceAll: false,
      },
    ],
  };
}

/** Samples along the longest ray through a box (vtk's own bound): its diagonal over the sample distance. */
export function raySamplesNeeded(bounds: readonly number[], sampleDistance: number): number {
  const [x0, x1, y0, y1, z0, z1] = bounds as [number, number, number, number, number, number];
  const diagonal = Math.hypot(x1 - x0, y1 - y0, z1 - z0);
  return sampleDistance > 0 ? Math.ceil(diagonal / sampleDistance) : Infinity;
}
