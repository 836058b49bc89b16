export function repositoryField(options: { marketplace: boolean; url: string | undefined }): { type: 'git'; url: string } | undefined;
