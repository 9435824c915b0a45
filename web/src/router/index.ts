export { Link } from './Link'
export { matchPath, navigate, useLocation, type Location } from './location'
