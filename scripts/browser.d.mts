export declare const BROWSER_PATHS: string[];
export declare const INSTALL_HINT: string;
export declare function findBrowserPath(): string | undefined;
export declare const CHROME_FLAGS: string[];
