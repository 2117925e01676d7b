// Answers outside the RPC APIs (metadata service, credentials URI) and the nginx-style HTML
// error pages that a gateway or the metadata service sends in place of JSON.

export interface PlainAnswer {
  status: number;
  contentType: string;
  body: string;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Not Allowed',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
};

export function htmlErrorPage(status: number): string {
  const title = `${status} ${STATUS_TEXT[status] ?? 'Error'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

export function errorPage(status: number): PlainAnswer {
  return { status, contentType: 'text/html', body: htmlErrorPage(status) };
}
